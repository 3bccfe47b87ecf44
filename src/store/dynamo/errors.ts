/**
 * Error translation for the DynamoDB adapter. Throttling that survives the SDK's retries becomes an
 * Error named `ThrottlingError`, the name the sweep state machine's Retry matches on, whatever
 * DynamoDB called it.
 */

const THROTTLING_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'Throttling',
  'TooManyRequestsException',
]);

/** Cancellation reason codes of TransactWriteItems that mean throttling. */
const THROTTLING_CANCELLATION_CODES = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded']);

export class ThrottlingError extends Error {
  override name = 'ThrottlingError';
}

interface AwsLikeError {
  name?: string;
  message?: string;
  CancellationReasons?: { Code?: string }[];
}

/** True for every error DynamoDB uses to say "slow down". */
export function isThrottling(error: unknown): boolean {
  const e = error as AwsLikeError | undefined;
  if (!e || typeof e !== 'object') return false;
  if (e.name && THROTTLING_NAMES.has(e.name)) return true;
  if (e.name === 'TransactionCanceledException')
    return (e.CancellationReasons ?? []).some((r) => r.Code && THROTTLING_CANCELLATION_CODES.has(r.Code));
  return false;
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as AwsLikeError | undefined)?.name === 'ConditionalCheckFailedException';
}

/** A transaction refused only because one of its conditions failed. */
export function isTransactionConditionFailure(error: unknown): boolean {
  const e = error as AwsLikeError | undefined;
  return (
    e?.name === 'TransactionCanceledException' &&
    (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed')
  );
}

/** Throttling becomes a ThrottlingError (the original as `cause`); anything else passes through. */
export function translateError(error: unknown, operation: string): unknown {
  if (!isThrottling(error)) return error;
  const original = error as AwsLikeError;
  return new ThrottlingError(`DynamoDB ${operation} throttled: ${original.message ?? original.name}`, {
    cause: error,
  });
}
