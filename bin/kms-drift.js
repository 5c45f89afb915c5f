#!/usr/bin/env node
// The `kms-drift` command: runs the compiled drift check (built by `npm run build`).
require("../dist/drift/cli.js").main(process.argv.slice(2));
