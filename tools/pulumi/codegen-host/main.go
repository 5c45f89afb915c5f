// Command pulumi-codegen-host is the Python and Go language host of this repository's toolchain,
// for code generation only: `pulumi package gen-sdk --language python|go` asks the language host
// for GeneratePackage. The upstream hosts of v3.248.0 (modules sdk/python/cmd/pulumi-language-python/v3
// and sdk/go/pulumi-language-go/v3) are refused by the Go module proxy here (403 "This module version
// is not available"), so this host serves GeneratePackage with the generators the CLI's own module
// carries (pkg/v3/codegen/python and pkg/v3/codegen/go at v3.248.0) and answers every other call
// Unimplemented: it cannot run programs.
//
// One binary serves both languages: scripts/setup-pulumi.sh links it as
// .tools/bin/pulumi-language-python and .tools/bin/pulumi-language-go, and the name it is started
// under picks the language (the CLI starts `pulumi-language-<runtime>` from next to itself).
package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// maxMessageSize matches the 400 MiB limit of Pulumi's own gRPC servers (a schema can be large).
const maxMessageSize = 400 * 1024 * 1024

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", filepath.Base(os.Args[0]), err)
		os.Exit(1)
	}
}

// languageOf is the language a host name stands for: "pulumi-language-python" → "python".
func languageOf(executable string) string {
	return strings.TrimPrefix(filepath.Base(executable), "pulumi-language-")
}

func run() error {
	gen, ok := generators[languageOf(os.Args[0])]
	if !ok {
		return fmt.Errorf("started as %q: run it as pulumi-language-python or pulumi-language-go",
			filepath.Base(os.Args[0]))
	}
	dieWithParent()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := grpc.NewServer(grpc.MaxRecvMsgSize(maxMessageSize), grpc.MaxSendMsgSize(maxMessageSize))
	pulumirpc.RegisterLanguageRuntimeServer(srv, host{generate: gen})
	// The port on the first stdout line is how the CLI finds a plugin.
	fmt.Printf("%d\n", lis.Addr().(*net.TCPAddr).Port)
	return srv.Serve(lis)
}
