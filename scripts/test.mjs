#!/usr/bin/env node
/**
 * `npm test`: lint and format first (seconds), then the type check and the test files at once.
 * tsc runs on one core for about half a minute; the test files spend part of their time waiting
 * (on DynamoDB Local, the demo portal, Chromium), so the type check fills that time instead of
 * adding to it. Its output is printed when it ends; the exit code fails if either fails.
 */
import { spawn } from 'node:child_process';

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: options.buffer ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const bin = (name) => `node_modules/.bin/${name}`;
const lint = await run(bin('biome'), ['check', '.']);
if (lint.code !== 0) process.exit(lint.code);
const typecheck = run(bin('tsc'), ['--noEmit', '-p', '.'], { buffer: true }).then((result) => {
  process.stdout.write(
    result.code === 0 ? '\ntypecheck: no errors\n' : `\ntypecheck failed:\n${result.output}\n`,
  );
  return result;
});
const tests = await run(bin('vitest'), ['run', ...process.argv.slice(2)]);
const types = await typecheck;
process.exit(tests.code || types.code);
