/**
 * Request and capacity counters of the DynamoDB adapter. Benchmarks and the cost estimate read
 * them; tests use them to prove that an unchanged document or verdict costs no write.
 */

export interface StoreMetrics {
  /** Read requests sent (GetItem, Query pages, BatchGetItem calls). */
  readRequests: number;
  /** Write requests sent (PutItem, UpdateItem, BatchWriteItem calls, TransactWriteItems). */
  writeRequests: number;
  /** Items written (a BatchWriteItem of 25 puts counts 25; a failed conditional write counts 0). */
  itemsWritten: number;
  /** Conditional writes DynamoDB refused (they still consume write capacity on AWS). */
  conditionalFailures: number;
  /** Requests that still failed with throttling after the SDK's own retries. */
  throttled: number;
  /** Capacity DynamoDB reported as consumed (ReturnConsumedCapacity TOTAL). */
  readCapacityUnits: number;
  writeCapacityUnits: number;
  /** Requests per DynamoDB operation name. */
  operations: Record<string, number>;
}

export function emptyMetrics(): StoreMetrics {
  return {
    readRequests: 0,
    writeRequests: 0,
    itemsWritten: 0,
    conditionalFailures: 0,
    throttled: 0,
    readCapacityUnits: 0,
    writeCapacityUnits: 0,
    operations: {},
  };
}

/** Adds `b` into a copy of `a`. */
export function addMetrics(a: StoreMetrics, b: StoreMetrics): StoreMetrics {
  const operations = { ...a.operations };
  for (const [name, count] of Object.entries(b.operations))
    operations[name] = (operations[name] ?? 0) + count;
  return {
    readRequests: a.readRequests + b.readRequests,
    writeRequests: a.writeRequests + b.writeRequests,
    itemsWritten: a.itemsWritten + b.itemsWritten,
    conditionalFailures: a.conditionalFailures + b.conditionalFailures,
    throttled: a.throttled + b.throttled,
    readCapacityUnits: a.readCapacityUnits + b.readCapacityUnits,
    writeCapacityUnits: a.writeCapacityUnits + b.writeCapacityUnits,
    operations,
  };
}

/** What every DynamoDB store object exposes besides its port. */
export interface Metered {
  metrics(): StoreMetrics;
  resetMetrics(): void;
}
