package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	nodejs "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// codegenMethods are the LanguageRuntime calls served here (the pinned host has none of them);
// all others go to the pinned host.
var codegenMethods = map[string]bool{
	"GenerateProgram": true, // pulumi import, pulumi convert
	"GenerateProject": true, // pulumi convert
	"GeneratePackage": true, // pulumi package gen-sdk --language nodejs
	"Link":            true, // pulumi convert (after GenerateProject), pulumi package add
}

// registerCodegen registers the code-generation calls only: a call to any other method of the
// LanguageRuntime service is unknown to this server and reaches the relay.
func registerCodegen(srv *grpc.Server) {
	desc := pulumirpc.LanguageRuntime_ServiceDesc
	desc.Methods = nil
	desc.Streams = nil
	for _, m := range pulumirpc.LanguageRuntime_ServiceDesc.Methods {
		if codegenMethods[m.MethodName] {
			desc.Methods = append(desc.Methods, m)
		}
	}
	srv.RegisterService(&desc, codegen{})
}

// codegen generates Node.js (TypeScript) code with pkg/v3/codegen/nodejs v3.248.0, called the way
// the v3.248.0 host calls it (sdk/nodejs/cmd/pulumi-language-nodejs/main.go at tag v3.248.0):
// output-versioned invokes preferred, non-strict binding unless the CLI asks for strict, runtime
// "nodejs", tsc not forced, dangling schema references allowed when generating a package.
type codegen struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
}

// bindOptions are the PCL binding options for a request's strictness.
func bindOptions(strict bool) []pcl.BindOption {
	opts := []pcl.BindOption{pcl.PreferOutputVersionedInvokes}
	if !strict {
		opts = append(opts, pcl.NonStrictBindOptions()...)
	}
	return opts
}

// withLoader runs fn with a cached schema loader that asks the CLI's loader service at target.
func withLoader(target string, fn func(schema.ReferenceLoader) error) error {
	if target == "" {
		// NewLoaderClient asserts (panics) on an empty target; answer with an error instead.
		return status.Error(codes.InvalidArgument, "no schema loader target in the request")
	}
	client, err := schema.NewLoaderClient(target)
	if err != nil {
		return fmt.Errorf("connecting to the schema loader: %w", err)
	}
	defer client.Close()
	return fn(schema.NewCachedLoader(client))
}

// GenerateProgram turns PCL (what `pulumi import` writes for the imported resources) into
// TypeScript.
func (codegen) GenerateProgram(
	_ context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	parser := syntax.NewParser()
	names := make([]string, 0, len(req.Source))
	for name := range req.Source {
		names = append(names, name)
	}
	sort.Strings(names) // a stable order, so the same input always gives the same output
	for _, name := range names {
		if err := parser.ParseFile(strings.NewReader(req.Source[name]), name); err != nil {
			return nil, err
		}
	}
	if parser.Diagnostics.HasErrors() {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: rpcDiagnostics(parser.Diagnostics)}, nil
	}

	resp := &pulumirpc.GenerateProgramResponse{}
	err := withLoader(req.LoaderTarget, func(loader schema.ReferenceLoader) error {
		program, diags, err := pcl.BindProgram(parser.Files, loader, bindOptions(req.Strict)...)
		if err != nil {
			return err
		}
		resp.Diagnostics = rpcDiagnostics(diags)
		if diags.HasErrors() {
			return nil
		}
		files, genDiags, err := nodejs.GenerateProgram(program)
		if err != nil {
			return err
		}
		resp.Source = files
		resp.Diagnostics = append(resp.Diagnostics, rpcDiagnostics(genDiags)...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// GenerateProject writes a whole Node.js project (Pulumi.yaml, package.json, index.ts…) for the
// PCL program in req.SourceDirectory into req.TargetDirectory.
func (codegen) GenerateProject(
	_ context.Context, req *pulumirpc.GenerateProjectRequest,
) (*pulumirpc.GenerateProjectResponse, error) {
	var project workspace.Project
	if err := json.Unmarshal([]byte(req.Project), &project); err != nil {
		return nil, fmt.Errorf("reading the project: %w", err)
	}
	resp := &pulumirpc.GenerateProjectResponse{}
	err := withLoader(req.LoaderTarget, func(loader schema.ReferenceLoader) error {
		program, diags, err := pcl.BindDirectory(req.SourceDirectory, loader, bindOptions(req.Strict)...)
		if err != nil {
			return err
		}
		resp.Diagnostics = rpcDiagnostics(diags)
		if diags.HasErrors() {
			return nil
		}
		return nodejs.GenerateProject(req.TargetDirectory, project, program, req.LocalDependencies,
			false /* forceTsc */, "nodejs")
	})
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// GeneratePackage writes a Node.js SDK for the package schema in req.Schema into req.Directory.
func (codegen) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return nil, fmt.Errorf("reading the package schema: %w", err)
	}
	resp := &pulumirpc.GeneratePackageResponse{}
	err := withLoader(req.LoaderTarget, func(loader schema.ReferenceLoader) error {
		pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
		if err != nil {
			return err
		}
		resp.Diagnostics = rpcDiagnostics(diags)
		if diags.HasErrors() {
			return nil
		}
		files, err := nodejs.GeneratePackage("pulumi-language-nodejs", pkg, req.ExtraFiles,
			req.LocalDependencies, req.Local, loader)
		if err != nil {
			return err
		}
		return writeFiles(req.Directory, files)
	})
	if err != nil {
		return nil, err
	}
	return resp, nil
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

// rpcDiagnostics converts HCL diagnostics for a response.
var rpcDiagnostics = plugin.HclDiagnosticsToRPCDiagnostics
