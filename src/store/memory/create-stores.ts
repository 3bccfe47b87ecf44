/**
 * Every store port in memory: the same rules as the DynamoDB adapter (what counts as new or
 * changed, once-only raises and claims, refused ledger ids, list order), none of its I/O. Serves
 * unit tests of the tasks' decisions; test/support/store-contract.ts holds both adapters to one
 * contract.
 */
import type { Stores } from '../ports';
import { MemoryArchive } from './archive';
import { MemoryCrawlProgressStore } from './crawl-progress-store';
import { MemoryDocumentStore } from './document-store';
import { MemoryEvidenceStore } from './evidence-store';
import { MemoryFlagStore } from './flag-store';
import { MemoryHealthStore } from './health-store';
import { MemoryJudgementStore } from './judgement-store';
import { MemoryLedgerStore } from './ledger-store';
import { MemoryNotifier } from './notifier';
import { MemoryVerdictStore } from './verdict-store';

export interface MemoryStores extends Stores {
  archive: MemoryArchive;
  notifier: MemoryNotifier;
  judgements: MemoryJudgementStore;
}

export function createMemoryStores(): MemoryStores {
  return {
    documents: new MemoryDocumentStore(),
    health: new MemoryHealthStore(),
    judgements: new MemoryJudgementStore(),
    crawl: new MemoryCrawlProgressStore(),
    evidence: new MemoryEvidenceStore(),
    verdicts: new MemoryVerdictStore(),
    flags: new MemoryFlagStore(),
    ledger: new MemoryLedgerStore(),
    archive: new MemoryArchive(),
    notifier: new MemoryNotifier(),
  };
}
