/**
 * The layering rule of docs/architecture.md ("Layers"), checked on every `npm test`
 * (test/unit/architecture/layers.test.ts) and by `npm run lint:layers`.
 *
 * Paths are relative to the folder cruised, so the same rules judge the real tree and the small
 * deliberately wrong trees the test builds.
 */

/** Where the ports and the records they exchange live (besides src/core). */
const PORTS = '^src/store/(ports|record-schemas)[.]ts$';
/** Adapters: implementations of the ports, and the crawler that talks to the web. */
const ADAPTERS = '^src/(store/(dynamo|archive|notify|report-sink)|crawl)/';
/** What wires tasks to adapters: the CLI, the local runtime, the AWS entry points. */
const COMPOSITION = '^(src/(cli|local|aws|lambda)/|src/cli[.]ts$|functions/|infra/|bench/|test/)';

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment:
        'src/core imports nothing of ours outside src/core: it is the part every other layer trusts, ' +
        'and it stays testable without I/O.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^(src|functions|infra|bin|test|bench)/', pathNot: '^src/core/' },
    },
    {
      name: 'core-no-io',
      comment: 'src/core takes the date and the data as parameters: no AWS, HTTP, HTML parser or node I/O.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        path: [
          '^node_modules/(@aws-sdk|undici|cheerio|htmlparser2|domhandler|iconv-lite|robots-parser)/',
          '^(node:)?(fs|fs/promises|net|http|https|child_process|worker_threads|dgram|os)$',
        ],
      },
    },
    {
      name: 'ports-depend-on-core',
      comment: 'Ports and the records they exchange are the contract: they name core types only.',
      severity: 'error',
      from: { path: PORTS },
      to: { path: '^(src|functions|infra|bin|test|bench)/', pathNot: ['^src/core/', PORTS] },
    },
    {
      name: 'tasks-use-ports-not-adapters',
      comment:
        'Tasks depend on ports; which adapter serves a port is chosen where the process is composed ' +
        '(src/local, src/lambda), so the same task runs on DynamoDB, DynamoDB Local or in memory.',
      severity: 'error',
      from: { path: '^src/tasks/' },
      to: { path: ['^src/store/', '^src/(cli|local|aws|lambda)/', '^src/cli[.]ts$'], pathNot: PORTS },
    },
    {
      name: 'tasks-judge-without-the-report',
      comment:
        'Judging (match, evaluate, flags, notify) rests on core rules only; the report layer renders ' +
        'what was judged, and only the task that writes the report reads it.',
      severity: 'error',
      from: { path: '^src/tasks/', pathNot: '^src/tasks/write-report[.]ts$' },
      to: { path: '^src/report/' },
    },
    {
      name: 'adapters-never-import-tasks',
      comment:
        'An adapter serves a port; a type it shares with a task belongs to core or the ports, ' +
        'otherwise adapters and tasks depend on each other.',
      severity: 'error',
      from: { path: ADAPTERS },
      to: { path: ['^src/tasks/', COMPOSITION, '^src/report/'] },
    },
    {
      name: 'report-depends-on-core-and-ports',
      comment:
        'The report is a pure rendering of records: it reads core types and the ports, never an ' +
        'adapter or a task, so it renders the same from DynamoDB, S3 or a test.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^(src|functions|infra|bin|test|bench)/', pathNot: ['^src/(core|report)/', PORTS] },
    },
    {
      name: 'no-circular-between-layers',
      comment: 'A cycle across folders hides which layer owns a type.',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { circular: true, path: '^src/', pathNot: '^src/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: ['^node_modules/', '^cdk[.]out/', '^[.]gongkai/'] },
  },
};
