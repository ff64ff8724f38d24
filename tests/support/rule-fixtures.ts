import { emptyProfileState } from '../../lib/profiles/profile-state.js';
import { toProfileView, type ProfileView } from '../../lib/profiles/profile-view.js';
import type { ProfileReader } from '../../lib/profiles/profile-reader.js';
import type { RuleActivity, RuleActivityEntry } from '../../lib/automations/rule-activity.js';
import type { ProfileTagStore } from '../../lib/profiles/profile-tags.js';
import { RuleSchema, type Rule } from '../../lib/rules/rule-schema.js';
import { WorkspaceSettingsSchema, type WorkspaceSettingsStore } from '../../lib/workspaces/workspace-settings.js';

/** A customer profile with the given aggregates (empty otherwise). */
export const profileOf = (overrides: Partial<ProfileView> = {}): ProfileView => ({
  ...toProfileView({ workspace: 'shop', customerId: 'kim', anonymous: false }, emptyProfileState()),
  ...overrides,
});

export const infoSend = (text = '안녕하세요') => ({ type: 'send', channel: 'alimtalk', purpose: 'info', message: { text } });

/** A rule as marketers write it, with the schema's defaults. */
export const ruleOf = (rule: Record<string, unknown>): Rule => RuleSchema.parse({ version: 1, description: 'test rule', ...rule });

export const seoulSettings: WorkspaceSettingsStore = { get: async () => WorkspaceSettingsSchema.parse({ timeZone: 'Asia/Seoul' }) };

export class RecordingActivity implements RuleActivity {
  readonly entries: RuleActivityEntry[] = [];
  record(entry: RuleActivityEntry): void {
    this.entries.push(entry);
  }
  kinds(): string[] {
    return this.entries.map((entry) => entry.kind);
  }
}

export class RecordingTags implements ProfileTagStore {
  readonly changes: Array<{ customerId: string; add: readonly string[]; remove: readonly string[] }> = [];
  async changeTags(_workspace: string, customerId: string, change: { add: readonly string[]; remove: readonly string[] }): Promise<'changed'> {
    this.changes.push({ customerId, ...change });
    return 'changed';
  }
}

/** Profiles held in memory, by customer id (workspace ignored). */
export class InMemoryProfileReader implements ProfileReader {
  readonly views = new Map<string, ProfileView>();
  put(view: ProfileView): void {
    this.views.set(view.customerId, view);
  }
  async profile(_workspace: string, customerId: string): Promise<ProfileView | undefined> {
    return this.views.get(customerId);
  }
  async profiles(_workspace: string, customerIds: readonly string[]): Promise<ProfileView[]> {
    return customerIds.flatMap((id) => (this.views.has(id) ? [this.views.get(id)!] : []));
  }
}
