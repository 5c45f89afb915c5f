#!/usr/bin/env node
// The `kms-emulator` command: runs the compiled emulator CLI (built by `npm run build`).
require("../dist/emulator/cli.js").main(process.argv.slice(2));
