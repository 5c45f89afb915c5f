package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// runPluginMethod is LanguageRuntime.RunPlugin, the call through which the CLI starts a Node.js
// policy pack when a `nodejs` language host is installed: NewPolicyAnalyzer in
// sdk/go/common/resource/plugin/analyzer_plugin.go at v3.248.0 asks for the host
// (`foundLanguagePlugin := hasPlugin(... proj.Runtime.Name(), Kind: apitype.LanguagePlugin})`)
// and then "use[s] RunPlugin to invoke the policy pack" (ExecPlugin in plugin.go:
// `runtime.RunPlugin(rctx, RunPluginInfo{...})` with Kind "analyzer"). Only without a host does
// it fall back to an executable named pulumi-analyzer-policy-<runtime>. The pinned v3.68.0 host
// answers RunPlugin with `errors.New("not supported")`, so an analyzer is run here instead.
const runPluginMethod = "/pulumirpc.LanguageRuntime/RunPlugin"

// runPolicyPackModule is the entry point @pulumi/pulumi ships for policy packs: given the engine
// address and the pack's folder, it loads the pack, whose PolicyPack prints its port and serves.
const runPolicyPackModule = "@pulumi/pulumi/cmd/run-policy-pack"

// isPolicyPackRun decodes a RunPlugin request and reports whether it starts a policy pack (an
// analyzer plugin); a frame that does not decode is left to the pinned host.
func isPolicyPackRun(f *frame) (*pulumirpc.RunPluginRequest, bool) {
	req := &pulumirpc.RunPluginRequest{}
	if err := proto.Unmarshal(f.data, req); err != nil {
		return nil, false
	}
	return req, req.GetKind() == "analyzer"
}

// runPolicyPack runs the policy pack of req as the v3.248.0 CLI's own fallback launcher would
// (`node @pulumi/pulumi/cmd/run-policy-pack <engine> <pack>` in the pack's folder), and streams
// its stdout, stderr and exit code back: the CLI reads the pack's port from that stdout.
//
// The module is resolved by Node itself from the pack's folder (node_modules folders up the tree,
// then NODE_PATH), so a pack inside node_modules/<package>/policy uses the project's
// @pulumi/pulumi, the same copy its @pulumi/policy resolves to. The working directory is the
// pack's folder: @pulumi/policy reads the pack's version from ./package.json.
func runPolicyPack(req *pulumirpc.RunPluginRequest, stream grpc.ServerStream) error {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetProgram()
	}
	args := req.GetArgs()
	if dir == "" || len(args) == 0 {
		return status.Error(codes.InvalidArgument, "RunPlugin of a policy pack needs its folder and the engine address")
	}
	// The engine address is the last argument; the CLI puts logging and tracing flags first,
	// which run-policy-pack does not take.
	engine := args[len(args)-1]
	env := req.GetEnv()
	if len(env) == 0 {
		env = os.Environ()
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return status.Errorf(codes.FailedPrecondition, "running policy pack %s: node is not on PATH", dir)
	}
	ctx := stream.Context()
	runPath, err := resolveModule(ctx, node, dir, env, runPolicyPackModule)
	if err != nil {
		return status.Errorf(codes.FailedPrecondition,
			"policy pack %s: cannot find %s from its folder (%v); install @pulumi/pulumi and "+
				"@pulumi/policy in the project that holds the pack", dir, runPolicyPackModule, err)
	}

	out := &streamWriter{stream: stream}
	cmd := exec.CommandContext(ctx, node, runPath, engine, dir)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout = out.of(false)
	cmd.Stderr = out.of(true)
	// The pack stays in this host's process group, which the CLI (and this host when the CLI
	// dies) signals as a whole.
	err = cmd.Run()
	if ctx.Err() != nil {
		// The CLI ended the call: it no longer reads the result.
		return nil
	}
	code := int32(0)
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = int32(exitErr.ExitCode())
	} else if err != nil {
		return status.Errorf(codes.Internal, "running policy pack %s: %v", dir, err)
	}
	return out.send(&pulumirpc.RunPluginResponse{
		Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: code},
	})
}

// resolveModule asks node where `require` finds module from dir.
func resolveModule(ctx context.Context, node, dir string, env []string, module string) (string, error) {
	cmd := exec.CommandContext(ctx, node, "-e",
		"process.stdout.write(require.resolve(process.argv[1], { paths: [process.cwd()] }))", module)
	cmd.Dir = dir
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	path, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.Index(msg, "Cannot find module"); i >= 0 {
			msg = strings.SplitN(msg[i:], "\n", 2)[0]
		}
		return "", fmt.Errorf("%v: %s", err, msg)
	}
	return string(path), nil
}

// streamWriter sends what the pack prints as RunPlugin responses, one message per write, in the
// order written (stdout and stderr are written from two goroutines).
type streamWriter struct {
	mu     sync.Mutex
	stream grpc.ServerStream
}

func (w *streamWriter) send(m *pulumirpc.RunPluginResponse) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stream.SendMsg(m)
}

// of is the io.Writer of stdout (stderr when isErr).
func (w *streamWriter) of(isErr bool) writerFunc {
	return func(p []byte) (int, error) {
		data := append([]byte(nil), p...)
		m := &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: data}}
		if isErr {
			m = &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: data}}
		}
		if err := w.send(m); err != nil {
			return 0, err
		}
		return len(p), nil
	}
}

// writerFunc is an io.Writer made of a function.
type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
