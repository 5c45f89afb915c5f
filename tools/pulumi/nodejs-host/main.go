// Command pulumi-language-nodejs is the Node.js language host of this repository's toolchain
// (.tools/bin, built by scripts/setup-pulumi.sh).
//
// Why it exists: the Pulumi CLI v3.248.0 is built from its Go modules, but the module of the
// matching language host (sdk/nodejs/cmd/pulumi-language-nodejs/v3) is refused by the Go module
// proxy, so the toolchain pins the host that sdk/v3 v3.68.0 still carries. That host predates
// GenerateProgram, GenerateProject and GeneratePackage: `pulumi import` fails with "method
// GenerateProgram not implemented". This program serves those three calls itself, with the Node.js
// generator the CLI links (pkg/v3/codegen/nodejs v3.248.0), and relays every other call unchanged
// to the pinned host, which it runs as a child process with the same arguments. So one
// `pulumi-language-nodejs` next to `pulumi` runs up, preview, refresh, destroy and import.
//
// It also starts Node.js policy packs (`pulumi preview --policy-pack`): the CLI asks the nodejs
// host to RunPlugin the pack, which the pinned host refuses ("not supported"), so a RunPlugin of
// kind "analyzer" runs @pulumi/pulumi's run-policy-pack here (policy_pack.go).
package main

import (
	"fmt"
	"net"
	"os"
	"runtime"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// maxMessageSize matches the 400 MiB limit of Pulumi's own gRPC servers and clients
// (sdk/go/common/util/rpcutil/serve.go, pulumi/pulumi#2319), so relaying never lowers it.
const maxMessageSize = 400 * 1024 * 1024

func main() {
	// The pinned host is started with a parent-death signal, which Linux ties to the thread that
	// forked it; keeping main on one thread for the whole run keeps that thread alive.
	runtime.LockOSThread()
	parent := os.Getppid()
	code, err := run(os.Args[1:], parent)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
	}
	os.Exit(code)
}

// run starts the pinned host, serves on a free local port (printed on stdout, which is how the CLI
// finds a plugin), and returns the exit code once either side ends — or ends the pinned host and
// the program it runs when parent, the CLI, dies without stopping them.
func run(args []string, parent int) (int, error) {
	path, err := pinnedHostPath()
	if err != nil {
		return 1, err
	}
	// Before the pinned host starts, so that it and the program it runs join our group.
	group := leadProcessGroup()
	parentGone := watchParent(parent, parentDeathHints())
	pinned, err := startPinnedHost(path, args)
	if err != nil {
		return 1, err
	}
	defer pinned.stop()

	conn, err := grpc.NewClient("passthrough:///"+pinned.addr,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(
			grpc.ForceCodec(relayCodec{}),
			grpc.MaxCallRecvMsgSize(maxMessageSize),
			grpc.MaxCallSendMsgSize(maxMessageSize),
		))
	if err != nil {
		return 1, fmt.Errorf("connecting to the pinned language host: %w", err)
	}
	defer conn.Close()

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 1, err
	}
	srv := grpc.NewServer(
		grpc.ForceServerCodec(relayCodec{}),
		grpc.UnknownServiceHandler(relayTo(conn)),
		grpc.MaxRecvMsgSize(maxMessageSize),
		grpc.MaxSendMsgSize(maxMessageSize),
	)
	registerCodegen(srv)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(lis) }()

	// Our port is the first stdout line; everything the pinned host prints after its own port
	// line (the program's console output during Run) follows, in order.
	fmt.Printf("%d\n", lis.Addr().(*net.TCPAddr).Port)
	copied := make(chan struct{})
	go func() {
		pinned.copyOutput(os.Stdout)
		close(copied)
	}()

	select {
	case err := <-served:
		return 1, err
	case <-pinned.exited:
		// The pinned host stops when the engine goes away (its health check); so do we, after
		// passing on what it printed last. Bounded: a program it started may still hold the pipe.
		srv.Stop()
		select {
		case <-copied:
		case <-time.After(2 * time.Second):
		}
		return pinned.exitCode(), nil
	case <-parentGone:
		// Nobody is left to stop the pinned host or the program: a killed CLI sends nothing.
		srv.Stop()
		pinned.endTree(group)
		return 1, fmt.Errorf("the process that started this host (pid %d) exited: stopped the pinned host and its children", parent)
	}
}
