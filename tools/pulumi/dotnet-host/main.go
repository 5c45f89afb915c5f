// Command pulumi-language-dotnet is the .NET language host of this repository's toolchain, for
// code generation only: `pulumi package gen-sdk --language dotnet` asks it for GeneratePackage.
// The upstream host lives in github.com/pulumi/pulumi-dotnet (module
// pulumi-language-dotnet/v3), which the Go module proxy here refuses (403), and so is the C#
// generator it now carries (pulumi/pulumi#21720 moved it there from pkg/v3/codegen/dotnet, and
// pulumi/pulumi#22435 deleted the old copy; pkg/v3 v3.229.0 and v3.248.0 lack it). This host uses
// pkg/v3/codegen/dotnet from pkg/v3 v3.224.0, the newest served release that still has it (frozen
// since its deprecation), in a module of its own because the CLI needs v3.248.0. Every other call
// is answered Unimplemented: it cannot run programs.
//
// It repeats ../codegen-host's small serving code rather than sharing it: the two modules pin
// different pkg/v3 releases, and a shared module would have to build against both.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"

	dotnetgen "github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// maxMessageSize matches the 400 MiB limit of Pulumi's own gRPC servers (a schema can be large).
const maxMessageSize = 400 * 1024 * 1024

// codegenVersion is the version of pkg/v3 the generator comes from (go.mod pins it).
const codegenVersion = "3.224.0"

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-dotnet: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	dieWithParent()
	serveLogoOffline()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := grpc.NewServer(grpc.MaxRecvMsgSize(maxMessageSize), grpc.MaxSendMsgSize(maxMessageSize))
	pulumirpc.RegisterLanguageRuntimeServer(srv, host{})
	// The port on the first stdout line is how the CLI finds a plugin.
	fmt.Printf("%d\n", lis.Addr().(*net.TCPAddr).Port)
	return srv.Serve(lis)
}

// host is the LanguageRuntime service: GetPluginInfo and GeneratePackage; the embedded type
// answers every other call Unimplemented.
type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
}

// GetPluginInfo reports the version of the generator (the CLI asks every plugin it starts).
func (host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: codegenVersion}, nil
}

// GeneratePackage binds the schema in req.Schema as the other hosts do (dangling references
// allowed) and writes the C# SDK into req.Directory.
func (host) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return nil, fmt.Errorf("reading the package schema: %w", err)
	}
	if req.LoaderTarget == "" {
		// NewLoaderClient asserts (panics) on an empty target; answer with an error instead.
		return nil, status.Error(codes.InvalidArgument, "no schema loader target in the request")
	}
	client, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, fmt.Errorf("connecting to the schema loader: %w", err)
	}
	defer client.Close()
	loader := schema.NewCachedLoader(client)

	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return resp, nil
	}
	files, err := dotnetgen.GeneratePackage("pulumi-language-dotnet", pkg, req.ExtraFiles, req.LocalDependencies)
	if err != nil {
		return nil, err
	}
	return resp, writeFiles(req.Directory, files)
}

// writeFiles writes generated files (paths relative to dir), creating folders as needed.
func writeFiles(dir string, files map[string][]byte) error {
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
