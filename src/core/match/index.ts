export { DocumentIndex } from './document-index';
export {
  type MatchInput,
  type MatchResult,
  matchEvidence,
  periodsByObligation,
  sourcesOf,
  type UnitSources,
  unitSourcesFrom,
} from './match-evidence';
export {
  type ColumnChecks,
  columnChecksFrom,
  columnKey,
  DEFAULT_BACKDATING_TOLERANCE_DAYS,
  type Publication,
  presenceOn,
  publishedOn,
} from './published-on';
export {
  type CompiledRule,
  compileRule,
  isAttachmentFile,
  type RuleHit,
  requiredLiteral,
  testRule,
} from './rule-test';
export {
  mapNamedToPeriods,
  type NamedGrain,
  type NamedPeriod,
  overlapDays,
  parseNumeral,
  periodsNamedInTitle,
} from './title-period';
