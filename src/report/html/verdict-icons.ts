import type { VerdictKind } from '../../core/verdict';

/** The shape each verdict shows beside its label, so colour is never the only signal. */
export const VERDICT_ICONS: Record<VerdictKind, string> = {
  met: '✓',
  late: '▲',
  missing: '✗',
  'due-soon': '◔',
  pending: '○',
  waived: '⊘',
  unverifiable: '?',
  'insufficient-data': '◌',
};
