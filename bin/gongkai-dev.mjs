#!/usr/bin/env node
// `npm run dev -- <command>`: runs the TypeScript sources through tsx, no build step (for development;
// `gongkai` itself runs the bundle in dist/).
import { register } from 'tsx/esm/api';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
