import { GetCommand, paginateQuery, TransactWriteCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Rule } from '../rules/rule-schema.js';
import type { RuleStore, StoredRule } from '../rules/rule-store.js';
import { cancellationCodes } from './dynamo-errors.js';
import { activeRuleSk, activeRulesPk, RULE_VERSION_SK_PREFIX, rulePk, ruleVersionSk } from './keys.js';

/**
 * Rule versions on the single table: every pushed version is an item of its own under the
 * rule (`V#<version>`), written once; the active version of each rule is copied into one
 * partition per workspace, so one query reads the rules in force. A push writes both in one
 * transaction, conditioned on the version item being new and the active version being lower:
 * of two pushes of one version, exactly one wins.
 */
export class DynamoRuleStore implements RuleStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string },
  ) {}

  activeRules(workspace: string): Promise<StoredRule[]> {
    return this.query({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': activeRulesPk(workspace) } });
  }

  async activeRule(workspace: string, ruleId: string): Promise<StoredRule | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: { pk: activeRulesPk(workspace), sk: activeRuleSk(ruleId) }, ConsistentRead: true }),
    );
    return Item ? storedRuleOf(Item) : undefined;
  }

  versions(workspace: string, ruleId: string): Promise<StoredRule[]> {
    return this.query({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': rulePk(workspace, ruleId), ':prefix': RULE_VERSION_SK_PREFIX },
      ScanIndexForward: false,
    });
  }

  async save(workspace: string, rule: Rule, pushedAt: string): Promise<'saved' | 'conflict'> {
    const item = { entity: 'rule', ruleId: rule.id, version: rule.version, rule: JSON.stringify(rule), pushedAt };
    const transaction = new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: this.options.tableName,
            Item: { pk: rulePk(workspace, rule.id), sk: ruleVersionSk(rule.version), ...item },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.options.tableName,
            Item: { pk: activeRulesPk(workspace), sk: activeRuleSk(rule.id), ...item },
            ConditionExpression: 'attribute_not_exists(pk) OR #version < :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': rule.version },
          },
        },
      ],
    });
    try {
      await this.client.send(transaction);
      return 'saved';
    } catch (error) {
      // A push that met another one in flight (`TransactionConflict`) fails as a retryable error: its outcome is not known yet.
      if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return 'conflict';
      throw error;
    }
  }

  private async query(input: Omit<QueryCommandInput, 'TableName'>): Promise<StoredRule[]> {
    const rules: StoredRule[] = [];
    for await (const page of paginateQuery({ client: this.client }, { TableName: this.options.tableName, ConsistentRead: true, ...input })) {
      rules.push(...(page.Items ?? []).map(storedRuleOf));
    }
    return rules;
  }
}

/** Stored rules were validated when pushed; they are read back as they were written. */
const storedRuleOf = (item: Record<string, unknown>): StoredRule => ({ rule: JSON.parse(String(item['rule'])) as Rule, pushedAt: String(item['pushedAt']) });
