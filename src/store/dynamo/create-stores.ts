/**
 * Builds the DynamoDB-backed stores. AWS and DynamoDB Local differ only in endpoint and
 * credentials; every store shares one client but keeps its own counters.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Stores } from '../ports';
import { DynamoCrawlProgressStore } from './crawl-progress-store';
import { type DocumentStoreOptions, DynamoDocumentStore } from './document-store';
import { DynamoEvidenceStore } from './evidence-store';
import { DynamoFlagStore } from './flag-store';
import { DynamoGateway, type GatewayOptions } from './gateway';
import { DynamoHealthStore, type HealthStoreOptions } from './health-store';
import { type InjectedThrottling, injectThrottling } from './injected-throttling';
import { DynamoJudgementStore } from './judgement-store';
import { DynamoLedgerStore } from './ledger-store';
import { addMetrics, emptyMetrics, type Metered, type StoreMetrics } from './metrics';
import { SourceRegistry } from './source-registry';
import { DynamoVerdictStore } from './verdict-store';

export interface DynamoStoresOptions extends DocumentStoreOptions, HealthStoreOptions, GatewayOptions {
  tableName: string;
  /** DynamoDB Local's URL; omitted on AWS. */
  endpoint?: string;
  region?: string;
  credentials?: DynamoDBClientConfig['credentials'];
  /** SDK attempts per request (its own retries with back-off) before a ThrottlingError surfaces. */
  maxAttempts?: number;
  /** Chaos runs only: fail a seeded share of requests with DynamoDB's throttling error. */
  injectThrottling?: InjectedThrottling;
}

export type DynamoStoreName =
  | 'documents'
  | 'health'
  | 'crawl'
  | 'evidence'
  | 'verdicts'
  | 'flags'
  | 'ledger'
  | 'judgements';

export interface DynamoStores extends Omit<Stores, 'archive' | 'notifier'> {
  documents: DynamoDocumentStore;
  health: DynamoHealthStore;
  crawl: DynamoCrawlProgressStore;
  evidence: DynamoEvidenceStore;
  verdicts: DynamoVerdictStore;
  flags: DynamoFlagStore;
  ledger: DynamoLedgerStore;
  judgements: DynamoJudgementStore;
  client: DynamoDBClient;
  tableName: string;
  /** Totals over all stores plus each store's own counters. */
  metrics(): StoreMetrics & { byStore: Record<DynamoStoreName, StoreMetrics> };
  resetMetrics(): void;
  /** Requests failed on purpose by `injectThrottling` (0 unless a chaos run asked for it). */
  injectedThrottles(): number;
  /** Closes the HTTP connections of the client. */
  close(): void;
}

/** Builds every DynamoDB store over one table. */
export function createDynamoStores(options: DynamoStoresOptions): DynamoStores {
  const client = new DynamoDBClient({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  const throttled = options.injectThrottling ? injectThrottling(client, options.injectThrottling) : () => 0;
  const documentClient = DynamoDBDocumentClient.from(client, {
    // Records keyed by user data (a sweep's counts per unit) may hold a unit named "constructor";
    // the marshaller then no longer sees a plain object by its constructor's name, and marshals it
    // as a map of its own enumerable properties only with this option.
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
  const gateway = () => new DynamoGateway(documentClient, options.tableName, options);
  const documentsGateway = gateway();
  const healthGateway = gateway();
  const stores = {
    documents: new DynamoDocumentStore(documentsGateway, new SourceRegistry(documentsGateway), options),
    health: new DynamoHealthStore(healthGateway, new SourceRegistry(healthGateway), options),
    crawl: new DynamoCrawlProgressStore(gateway()),
    evidence: new DynamoEvidenceStore(gateway()),
    verdicts: new DynamoVerdictStore(gateway()),
    flags: new DynamoFlagStore(gateway()),
    ledger: new DynamoLedgerStore(gateway()),
    judgements: new DynamoJudgementStore(gateway()),
  } satisfies Record<DynamoStoreName, Metered>;
  return {
    ...stores,
    client,
    tableName: options.tableName,
    metrics() {
      const byStore = Object.fromEntries(
        Object.entries(stores).map(([name, store]) => [name, store.metrics()]),
      ) as Record<DynamoStoreName, StoreMetrics>;
      return { ...Object.values(byStore).reduce(addMetrics, emptyMetrics()), byStore };
    },
    resetMetrics() {
      for (const store of Object.values(stores)) store.resetMetrics();
    },
    injectedThrottles: throttled,
    close() {
      client.destroy();
    },
  };
}
