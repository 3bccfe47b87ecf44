/**
 * The report's 隐私泄露 section as data: per monitored site whose catalogue judges personal data,
 * every document that published some (masked), whether it is still public, and the files that
 * could not be read. Pure: built from the assessment's documents.
 */
import type { IsoDate } from '../core/dates';
import type { Document } from '../core/document';
import type { Obligation } from '../core/obligation';
import { hasFindings, settledOn } from '../core/privacy';
import type { Source } from '../core/source';
import type { PersonalDataSection } from './model';

type Site = PersonalDataSection['sites'][number];
type Leak = Site['leaks'][number];

export interface PersonalDataInput {
  asOf: IsoDate;
  obligations: readonly Obligation[];
  sources: readonly Source[];
  documents: readonly Document[];
  archived: ReadonlyMap<string, string>;
}

/** The section, or undefined when no obligation judges personal data. */
export function buildPersonalData(input: PersonalDataInput): PersonalDataSection | undefined {
  const judged = input.obligations.filter((o) => o.evidence.personalData && o.site);
  if (judged.length === 0) return undefined;
  const sources = new Map(input.sources.map((s) => [s.id, s]));
  const bySite = new Map<string, Document[]>();
  for (const d of input.documents)
    if (d.personalData) bySite.set(d.sourceId, [...(bySite.get(d.sourceId) ?? []), d]);
  const sites = judged.flatMap((o): Site[] => {
    const source = sources.get(o.site!);
    const docs = bySite.get(o.site!) ?? [];
    const leaks = docs
      .filter((d) => hasFindings(d, o.evidence.personalData!.kinds))
      .map((d) => leak(d, input))
      .sort((a, b) => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : 0));
    const unread = docs.flatMap((d) => d.personalData!.unread);
    if (leaks.length === 0 && unread.length === 0) return [];
    return [
      {
        sourceId: o.site!,
        siteName: source?.name ?? o.site!,
        units: source?.units ?? o.units,
        leaks,
        unread,
      },
    ];
  });
  const open = (s: Site) => (s.leaks.some((l) => l.status === 'public') ? 0 : s.leaks.length > 0 ? 1 : 2);
  sites.sort((a, b) => open(a) - open(b) || (a.sourceId < b.sourceId ? -1 : 1));
  return { asOf: input.asOf, sites };
}

function leak(doc: Document, input: PersonalDataInput): Leak {
  const scan = doc.personalData!;
  const settled = settledOn(doc, input.asOf);
  return {
    url: doc.url,
    title: doc.title,
    publishedOn: doc.date,
    firstSeen: doc.firstSeen,
    status: settled ? settled.how : 'public',
    settledOn: settled?.on ?? null,
    kinds: [...new Set(scan.findings.map((f) => f.kind))],
    findings: scan.findings.map((f) => ({
      kind: f.kind,
      masked: f.masked,
      file: f.file,
      where: f.where,
      excerpt: f.excerpt,
      sha256: f.sha256,
      archived: f.sha256 ? (input.archived.get(f.sha256) ?? null) : null,
    })),
    more: scan.more,
  };
}
