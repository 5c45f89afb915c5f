package main

import (
	"context"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Link adds locally generated SDKs to a program. `pulumi convert` calls it after GenerateProject
// even when the program needs no local SDK (pkg/cmd/pulumi/convert/convert.go and
// packages.LinkPackages at v3.248.0); that case has nothing to link, so it is answered here and
// convert completes. Linking real SDKs needs the v3.248.0 host's package-manager code (npm/yarn/
// pnpm/bun manifests), which this toolchain does not carry: it is refused with a clear message.
func (codegen) Link(_ context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	if len(req.Packages) == 0 {
		return &pulumirpc.LinkResponse{}, nil
	}
	return nil, status.Errorf(codes.Unimplemented,
		"linking local SDKs (%d package(s)) into a Node.js project is not supported by this "+
			"repository's language host (tools/pulumi/nodejs-host); add the generated SDK "+
			"folder to package.json yourself", len(req.Packages))
}
