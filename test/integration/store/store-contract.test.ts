import { describe } from 'vitest';
import { openTestStores } from '../../support/dynamo-test-stores';
import { storeContract } from '../../support/store-contract';

describe('the DynamoDB stores on DynamoDB Local', () => {
  storeContract(async () => {
    const stores = await openTestStores('gongkai-contract');
    return { stores, close: () => stores.close() };
  });
});
