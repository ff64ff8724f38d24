import { InMemoryRuleStore } from '../../support/in-memory-rule-store.js';
import { describeRuleStoreContract } from '../../support/rule-store-contract.js';

const store = new InMemoryRuleStore();

describeRuleStoreContract('InMemoryRuleStore', () => store);
