package main

import (
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// generators are the SDK generators by language, called with the arguments their
// GeneratePackage functions take at pkg/v3 v3.248.0 (codegen/python/gen.go, codegen/go/gen.go);
// the tool name is the host's, as the upstream hosts pass theirs.
var generators = map[string]generator{
	"python": func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest,
		loader schema.ReferenceLoader,
	) (map[string][]byte, error) {
		return pygen.GeneratePackage("pulumi-language-python", pkg, req.ExtraFiles, loader)
	},
	"go": func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest,
		_ schema.ReferenceLoader,
	) (map[string][]byte, error) {
		return gogen.GeneratePackage("pulumi-language-go", pkg, req.LocalDependencies)
	},
}
