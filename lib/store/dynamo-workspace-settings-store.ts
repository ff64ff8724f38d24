import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../time/clock.js';
import { isConditionalCheckFailed } from './dynamo-errors.js';
import { SETTINGS_SK, settingsPk } from './keys.js';
import { WorkspaceSettingsSchema, type WorkspaceSettings, type WorkspaceSettingsStore } from '../workspaces/workspace-settings.js';

const CACHE_MS = 60_000;

const settingsKey = (workspace: string) => ({ pk: settingsPk(workspace), sk: SETTINGS_SK });

/** Workspace settings in the table, cached for a minute per execution environment. */
export class DynamoWorkspaceSettingsStore implements WorkspaceSettingsStore {
  private readonly cache = new Map<string, { at: number; settings: WorkspaceSettings }>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string; clock: Clock },
  ) {}

  async get(workspace: string): Promise<WorkspaceSettings> {
    const now = this.options.clock.now().getTime();
    const cached = this.cache.get(workspace);
    if (cached && now - cached.at < CACHE_MS) return cached.settings;
    const { Item } = await this.client.send(new GetCommand({ TableName: this.options.tableName, Key: settingsKey(workspace) }));
    const settings = WorkspaceSettingsSchema.parse(Item?.['settings'] ? JSON.parse(String(Item['settings'])) : {});
    this.cache.set(workspace, { at: now, settings });
    return settings;
  }

  async put(workspace: string, settings: WorkspaceSettings): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.options.tableName, Item: { ...settingsKey(workspace), entity: 'settings', settings: JSON.stringify(settings) } }),
    );
    this.cache.set(workspace, { at: this.options.clock.now().getTime(), settings });
  }

  /** Stores settings for a workspace that has none yet; leaves a workspace's own settings alone. */
  async putIfAbsent(workspace: string, settings: WorkspaceSettings): Promise<'stored' | 'kept'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: { ...settingsKey(workspace), entity: 'settings', settings: JSON.stringify(settings) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'kept';
      throw error;
    }
    this.cache.delete(workspace);
    return 'stored';
  }
}
