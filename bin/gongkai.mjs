#!/usr/bin/env node
// Runs the bundle `npm ci` builds (scripts/build-cli.mjs): plain node, no TypeScript loader.
// `npm run dev -- <command>` runs the sources through tsx instead.
import { existsSync } from 'node:fs';

// The SDK's Node 20 end-of-support notice is for maintainers, not for people reading a report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  // A clone installed with --ignore-scripts has no bundle yet: build it once (esbuild is a dev dependency).
  const { buildCli } = await import('../scripts/build-cli.mjs');
  await buildCli();
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
