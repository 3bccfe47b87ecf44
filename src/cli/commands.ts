/**
 * The `gongkai` commands: name, one-line summary, and where the command lives. `gongkai --help`
 * reads only this table, so listing the commands loads none of them; a command's module (and the
 * AWS SDK, DynamoDB Local or the crawler it needs) is loaded only when that command runs.
 */
import type { Command } from './command';

export interface CommandEntry {
  summary: string;
  load(): Promise<{ command: Command }>;
}

export const COMMANDS = {
  demo: {
    summary: 'Run the whole monitor on the bundled demo portal (what `npm start` does)',
    load: () => import('./demo'),
  },
  ingest: {
    summary:
      'Plan (text, HTML page or address, .docx) → catalogue draft (obligations, schedules, review reasons)',
    load: () => import('./ingest'),
  },
  catalogue: {
    summary:
      'Check a catalogue, propose one from a draft (init), compare two years (diff), or generate its JSON Schemas',
    load: () => import('./catalogue'),
  },
  periods: {
    summary: "List each obligation's periods and due dates for a plan year",
    load: () => import('./periods'),
  },
  extract: {
    summary: 'Show the items, dates and next pages the crawler reads from one page',
    load: () => import('./extract'),
  },
  crawl: {
    summary: 'Crawl the sources once and store what was found (no judging)',
    load: () => import('./crawl'),
  },
  run: {
    summary: 'Run one sweep (crawl, match, judge, flag, notify, report) as of a date',
    load: () => import('./run'),
  },
  report: {
    summary: 'Write the compliance report (HTML, CSV, JSON, summary) from stored data',
    load: () => import('./report'),
  },
  verify: {
    summary: 'Re-hash the archived copies a report cites and list mismatched or missing files',
    load: () => import('./verify'),
  },
  event: {
    summary: 'Record an event that starts an event-based obligation’s clock',
    load: () => import('./event'),
  },
  evidence: {
    summary: 'Record evidence found by a person (a URL and a note), marked manual in reports',
    load: () => import('./evidence'),
  },
  waive: {
    summary: 'Waive an obligation (or one period) for periods due on or before a date',
    load: () => import('./waive'),
  },
  migrate: {
    summary: 'Upgrade a table written by an older version (flags: copy FLAG items to their shards)',
    load: () => import('./migrate'),
  },
} satisfies Record<string, CommandEntry>;
