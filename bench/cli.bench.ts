/**
 * CLI start-up benchmark (`npm run bench:cli`): the built `gongkai` (bin/gongkai.mjs → dist/, plain
 * node) against, in the same run, the same sources run through tsx (bin/gongkai-dev.mjs, how the
 * command ran before it was built) and a bare `node -e 0` (the floor no command can beat). Each is
 * started RUNS times, interleaved, so a neighbour's burst on a shared machine hits all of them.
 * Writes docs/benchmarks.md's section and exits 1 when the built `gongkai --help` takes more than
 * 300 ms (median), unless the machine's own floor is already that slow (then the overhead over the
 * floor is judged instead).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli } from '../scripts/build-cli.mjs';
import { machine, median, replaceSection } from './bench-doc';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 15;
const LIMIT_MS = 300;
/** `node -e 0` on an idle machine here: what the limit leaves for the command itself is LIMIT − this. */
const IDLE_FLOOR_MS = 110;
const SECTION = '## CLI start-up (npm run bench:cli)';

interface Peer {
  name: string;
  args: string[];
}

const PEERS: Peer[] = [
  { name: 'floor: `node -e 0`', args: ['-e', '0'] },
  { name: 'built: `gongkai --help`', args: ['bin/gongkai.mjs', '--help'] },
  { name: 'tsx: `gongkai --help` from the sources', args: ['bin/gongkai-dev.mjs', '--help'] },
  {
    name: 'built: `gongkai periods --help` (loads one command)',
    args: ['bin/gongkai.mjs', 'periods', '--help'],
  },
  { name: 'tsx: `gongkai periods --help`', args: ['bin/gongkai-dev.mjs', 'periods', '--help'] },
];

function startMs(args: string[]): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  return performance.now() - started;
}

const ms = (value: number) => `${Math.round(value)} ms`;

async function main(): Promise<number> {
  const host = machine();
  await buildCli({ quiet: true });
  for (const peer of PEERS) startMs(peer.args); // warm the file cache
  const times = new Map<Peer, number[]>(PEERS.map((p) => [p, []]));
  for (let run = 0; run < RUNS; run++) for (const peer of PEERS) times.get(peer)!.push(startMs(peer.args));
  const medians = new Map(PEERS.map((p) => [p, median(times.get(p)!)]));
  const at = (i: number) => medians.get(PEERS[i]!)!;
  const floor = at(0);
  const built = at(1);
  const tsx = at(2);
  const rows = PEERS.map((p) => {
    const t = times.get(p)!;
    return `| ${p.name} | ${ms(medians.get(p)!)} | ${ms(Math.min(...t))}–${ms(Math.max(...t))} | ${ms(medians.get(p)! - floor)} |`;
  });
  const overheadLimit = LIMIT_MS - IDLE_FLOOR_MS;
  const ok = built <= LIMIT_MS || built - floor <= overheadLimit;
  const verdict =
    built <= LIMIT_MS
      ? `built \`--help\` median ${ms(built)} ≤ ${LIMIT_MS} ms`
      : `built \`--help\` median ${ms(built)} > ${LIMIT_MS} ms on a machine whose floor is ${ms(floor)}; over the floor: ${ms(built - floor)} ${built - floor <= overheadLimit ? '≤' : '>'} ${overheadLimit} ms`;
  const section = [
    SECTION,
    '',
    `Wall time of a fresh process, median of ${RUNS} interleaved runs per row. "over node" subtracts the \`node -e 0\` median of the same run. The built command is what \`npm ci\` produces (scripts/build-cli.mjs, esbuild; packages stay in node_modules); the tsx rows run the same sources through tsx, as \`gongkai\` did before it was built. On a shared, loaded machine every row is slower (see the load average below); the ratios and the margin over \`node -e 0\` are what carry over.`,
    '',
    '| run | median | min–max | over node |',
    '|---|---:|---:|---:|',
    ...rows,
    '',
    `Built \`--help\`: ${(tsx / built).toFixed(1)}× faster than through tsx. ${verdict}.`,
    '',
    `Machine: ${host}. Measured ${new Date().toISOString().slice(0, 10)}.`,
  ].join('\n');
  console.log(section);
  const docPath = join(ROOT, 'docs', 'benchmarks.md');
  writeFileSync(docPath, replaceSection(readFileSync(docPath, 'utf8'), SECTION, section));
  return ok ? 0 : 1;
}

process.exitCode = await main();
