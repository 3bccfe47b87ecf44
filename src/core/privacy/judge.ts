/**
 * Verdicts of the personal-data rule, per site and period: `missing` (the failing verdict) when a
 * document with personal data was public on some day of the period, with every such document,
 * where in it and what; `met` when none was; `insufficient-data` when the site was not read in the
 * period. The reasons say when a document was taken down or fixed.
 */
import { type IsoDate, minDate, shanghaiDate } from '../dates';
import type { Document } from '../document';
import type { Evidence } from '../evidence';
import type { Period } from '../period';
import type { SiteCheck } from '../site-measures';
import type { Source } from '../source';
import type { VerdictKind } from '../verdict';
import { exposedBetween, hasFindings, settledOn } from './exposure';
import { PERSONAL_DATA_LABELS, type PersonalDataFinding } from './finding';
import type { PersonalDataRule } from './rule';

export interface PersonalDataJudgement {
  kind: VerdictKind;
  reasons: string[];
  evidence: Evidence[];
}

export interface PersonalDataContext {
  source: Source | undefined;
  /** The site's documents that carry a scan (findings or unread files). */
  documents: readonly Document[];
  checks: readonly SiteCheck[];
  asOf: IsoDate;
}

/** "2 身份证号 (resident ID number), 1 手机号 (mobile number)" */
export function describeKinds(findings: readonly PersonalDataFinding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return [...counts]
    .map(([kind, n]) => {
      const label = PERSONAL_DATA_LABELS[kind as PersonalDataFinding['kind']];
      return `${n} ${label.zh} (${label.en})`;
    })
    .join(', ');
}

/** Judges one period of a personal-data obligation for one site. */
export function judgePersonalData(
  obligationId: string,
  rule: PersonalDataRule,
  period: Period,
  ctx: PersonalDataContext,
): PersonalDataJudgement {
  const { source, asOf } = ctx;
  if (asOf < period.start)
    return { kind: 'pending', reasons: [`the period starts ${period.start}`], evidence: [] };
  if (!source)
    return {
      kind: 'insufficient-data',
      reasons: ['no source in the sources file describes this site: cannot tell'],
      evidence: [],
    };
  const at = minDate(period.end, asOf);
  const counted = (doc: Document) =>
    (doc.personalData?.findings ?? []).filter((f) => !rule.kinds || rule.kinds.includes(f.kind));
  const exposed = ctx.documents
    .filter((d) => hasFindings(d, rule.kinds) && exposedBetween(d, period.start, at))
    .sort((a, b) =>
      a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.url < b.url ? -1 : 1,
    );
  if (exposed.length > 0) {
    const reasons = exposed.map((doc) => {
      const findings = counted(doc);
      const settled = settledOn(doc, at);
      const places = findings.map((f) => `${f.where} ${f.masked}`).join('; ');
      const more = doc.personalData?.more ? ` and ${doc.personalData.more} more` : '';
      return `隐私泄露 (personal data published): “${doc.title}” ${doc.url}: ${describeKinds(findings)}${more} — ${places}${settled ? `; ${settled.how} ${settled.on}` : ''}`;
    });
    return {
      kind: 'missing',
      reasons,
      evidence: exposed.flatMap((d) => findingEvidence(obligationId, period.key, d, counted(d))),
    };
  }
  const read = ctx.checks.some((c) => {
    const day = shanghaiDate(c.checkedAt);
    return c.ok && day >= period.start && day <= at;
  });
  if (!read)
    return {
      kind: 'insufficient-data',
      reasons: [`${source.name} was not read successfully between ${period.start} and ${at}: cannot tell`],
      evidence: [],
    };
  const unread = ctx.documents
    .filter((d) => (d.personalData?.unread.length ?? 0) > 0 && exposedBetween(d, period.start, at))
    .flatMap((d) => d.personalData!.unread);
  const reasons = ['no personal data found in what the site published'];
  if (unread.length > 0)
    reasons.push(
      `${unread.length} file${unread.length === 1 ? '' : 's'} not read in full: ${unread
        .slice(0, 5)
        .map((u) => `${u.file} (${u.reason})`)
        .join('; ')}${unread.length > 5 ? '; …' : ''}`,
    );
  return { kind: 'met', reasons, evidence: [] };
}

/** One evidence entry per file with findings: the archived copy an auditor opens, the findings masked. */
function findingEvidence(
  obligationId: string,
  periodKey: string,
  doc: Document,
  findings: PersonalDataFinding[],
): Evidence[] {
  const byFile = new Map<string, PersonalDataFinding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  return [...byFile].map(([file, list]) => ({
    obligationId,
    periodKey,
    url: file,
    kind: 'observation' as const,
    score: 1,
    terms: [...new Set(list.map((f) => f.kind))],
    reason: list.map((f) => `${f.where}: ${f.excerpt}`).join(' | '),
    publishedOn: doc.date,
    sha256: list[0]!.sha256,
    title: doc.title,
    recordedAt: doc.personalData!.scannedAt,
  }));
}
