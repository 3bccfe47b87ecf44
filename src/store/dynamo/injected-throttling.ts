/**
 * Fault injection for chaos runs: a seeded share of DynamoDB requests fails with the throttling
 * error DynamoDB itself sends (ProvisionedThroughputExceededException). The middleware sits inside
 * the SDK's retry step, so the SDK retries it with back-off exactly as it would a real one; what
 * still fails after its attempts reaches the adapter as a ThrottlingError.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { seededRandom } from '../../core/seeded-random';

export interface InjectedThrottling {
  seed: number;
  /** Share of requests (attempts, retries included) answered with a throttling error. */
  rate: number;
}

/** Adds the fault to a client; returns how many requests it has failed so far. */
export function injectThrottling(client: DynamoDBClient, options: InjectedThrottling): () => number {
  const random = seededRandom(options.seed);
  let injected = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      if (random() < options.rate) {
        injected += 1;
        const error = new Error('injected throttling (chaos run)') as Error & Record<string, unknown>;
        error.name = 'ProvisionedThroughputExceededException';
        error.$fault = 'client';
        error.$metadata = { httpStatusCode: 400 };
        throw error;
      }
      return next(args);
    },
    { step: 'finalizeRequest', name: 'gongkaiInjectedThrottling' },
  );
  return () => injected;
}
