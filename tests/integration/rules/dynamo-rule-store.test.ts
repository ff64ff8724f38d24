import { afterAll, beforeAll } from 'vitest';
import { DynamoRuleStore } from '../../../lib/store/dynamo-rule-store.js';
import { describeRuleStoreContract } from '../../support/rule-store-contract.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

let app: TestApp;
let store: DynamoRuleStore;
beforeAll(async () => {
  app = await startTestApp();
  store = new DynamoRuleStore(app.runtime.dynamo, { tableName: app.runtime.config.tableName });
});
afterAll(() => app?.stop());

describeRuleStoreContract('DynamoRuleStore', () => store);
