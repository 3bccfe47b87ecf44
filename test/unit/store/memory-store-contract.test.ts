import { describe } from 'vitest';
import { createMemoryStores } from '../../../src/store/memory/create-stores';
import { storeContract } from '../../support/store-contract';

describe('the in-memory stores', () => {
  storeContract(async () => ({ stores: createMemoryStores() }));
});
