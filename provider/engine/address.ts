/**
 * The engine address among a provider process's arguments. The engine starts every provider
 * (plugins and the dynamic-provider server alike) with optional flags first — `--logtostderr`,
 * `-v=N`, `--tracing <endpoint>` — and its own gRPC address last (pulumi/pulumi
 * `sdk/go/common/resource/plugin/plugin.go`, `buildPluginArguments`).
 */

/** The engine address: the last argument that is neither a flag nor a flag's value. */
export function engineAddressFrom(argv: readonly string[]): string | undefined {
  let address: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--tracing")
      i++; // its value is an endpoint, not the engine
    else if (!a.startsWith("-")) address = a;
  }
  return address;
}
