#!/usr/bin/env node
// Entry point of the `bcc-ts` command: the CLI is bundled into dist/ by `npm run build` (run by
// `prepare`, so it exists right after `npm ci`).
import("../dist/cli.js").catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/cli.js")) {
    process.stderr.write("bcc-ts: not built: run `npm run build` (npm ci does this) and try again\n");
    process.exit(2);
  }
  throw err;
});
