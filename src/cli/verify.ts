import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import {
  type Citation,
  ReportNotFoundError,
  type VerifyResult,
  verified,
  verifyReportDir,
  verifySummary,
} from '../audit/verify-report';
import type { Command } from './command';
import { parseFlags } from './flags';

const usage = `Usage: gongkai verify <report-dir> [--json]
  Re-hashes every archived copy the report in <report-dir> (its report.json) cites, evidence and
  near misses alike, resolving relative links against <report-dir>, and lists the files whose
  sha256 no longer matches and the files that are gone. Evidence with no archived copy and links
  that do not point into the archive (…/sha256/ab/<sha256>.<ext>) are failures too; they are
  never read. A path to report.json works too.
  Links to remote copies (http/https) are listed as skipped: verify never uses the network.
  Exit code: 0 when every file matches, 1 when any is mismatched, missing, not archived or outside
  the archive or a fetch-log line is damaged, 2 on bad input.
  The fetch logs of the archives the report cites (sha256/<xx>/fetches.jsonl) are checked too: a
  line that is not a whole checksummed record (cut short by a full disk or a killed writer) is a
  failure with its line number, unless a later run has set it aside into fetches.jsonl.torn.
  --json  prints the full result as JSON (matched, mismatched, missing, skipped, notArchived,
          outside, damagedLogLines).`;

const Flags = z.object({
  _: z
    .array(z.string())
    .length(1, 'expected exactly one argument: the report directory')
    .transform((args) => args[0]!),
  json: z.boolean().default(false),
});

function cited(citations: readonly Citation[]): string {
  const shown = citations.slice(0, 3).map((c) => `${c.obligationId} ${c.periodKey} (${c.role}: ${c.url})`);
  const more = citations.length > 3 ? ` and ${citations.length - 3} more` : '';
  return `    cited by ${shown.join('; ')}${more}`;
}

function renderText(result: VerifyResult): string {
  const lines: string[] = [];
  for (const m of result.mismatched) {
    lines.push(
      `MISMATCH ${m.archived}`,
      `    file     ${m.path}`,
      `    expected ${m.expected}`,
      `    found    ${m.actual}`,
      cited(m.citedBy),
    );
  }
  for (const m of result.missing) {
    lines.push(
      `MISSING  ${m.archived}`,
      `    file     ${m.path}`,
      `    expected ${m.expected}`,
      cited(m.citedBy),
    );
  }
  for (const r of result.refused) {
    lines.push(`REFUSED  ${r.archived}`, `    file     ${r.path}`, `    why      ${r.why}`, cited(r.citedBy));
  }
  for (const s of result.skipped) {
    lines.push(`SKIPPED  ${s.archived} (${s.reason})`, cited(s.citedBy));
  }
  for (const o of result.outside) {
    lines.push(
      `OUTSIDE  ${o.archived}`,
      `    file     ${o.path} is not the archive's copy of ${o.expected || '(no sha256)'}`,
      cited(o.citedBy),
    );
  }
  for (const d of result.damagedLogLines) {
    const what = d.recovered ? `${d.problem}; the record written after it was recovered` : d.problem;
    lines.push(
      d.setAside
        ? `SET ASIDE ${d.log} line ${d.line}: torn line kept in ${d.log}.torn (${what})`
        : `TORN LOG ${d.log} line ${d.line}: ${what}${d.unterminated ? '; the next run sets it aside' : ''}`,
    );
  }
  if (result.notArchived.length > 0) {
    lines.push(
      `NOT ARCHIVED ${result.notArchived.length} citations have no archived copy:`,
      cited(result.notArchived),
    );
  }
  lines.push(verifySummary(result) + (result.skipped.length > 0 ? `, ${result.skipped.length} skipped` : ''));
  return lines.join('\n');
}

export const command: Command = {
  usage,
  async run(argv) {
    const flags = parseFlags(argv, { json: { type: 'boolean' } }, Flags);
    let dir = flags._;
    // Accept the report file itself: auditors often have its path at hand rather than the folder's.
    if ((await stat(dir).catch(() => undefined))?.isFile()) dir = dirname(dir);
    let result: VerifyResult;
    try {
      result = await verifyReportDir(dir);
    } catch (error) {
      if (error instanceof ReportNotFoundError) {
        console.error(`gongkai verify: ${error.message}`);
        return 2;
      }
      throw error;
    }
    if (flags.json)
      console.log(
        JSON.stringify({ ok: verified(result), summary: verifySummary(result), ...result }, null, 2),
      );
    else console.log(renderText(result));
    return verified(result) ? 0 : 1;
  },
};
