package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// codegenVersion is the version of pkg/v3 the generators come from (go.mod pins it).
const codegenVersion = "3.248.0"

// generator writes one language's SDK files for a bound package.
type generator func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest,
	loader schema.ReferenceLoader) (map[string][]byte, error)

// host is the LanguageRuntime service: GeneratePackage only; the embedded type answers every
// other call Unimplemented.
type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	generate generator
}

// GetPluginInfo reports the version of the generators (the CLI asks every plugin it starts).
func (host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: codegenVersion}, nil
}

// GeneratePackage binds the schema in req.Schema the way the v3.248.0 Node.js host does
// (dangling references allowed: see ../nodejs-host/codegen.go) and writes the SDK into
// req.Directory.
func (h host) GeneratePackage(
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
	files, err := h.generate(pkg, req, loader)
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
