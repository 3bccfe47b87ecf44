/**
 * A plan that cannot be ingested as given (empty, binary, no numbered items). The CLI prints the
 * message and exits non-zero; nothing is written.
 */
export class PlanInputError extends Error {
  override name = 'PlanInputError';
}
