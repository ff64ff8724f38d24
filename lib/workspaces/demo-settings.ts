import { WorkspaceSettingsSchema, type WorkspaceSettings } from './workspace-settings.js';

/**
 * The local workspace `demo` works out of the box: ads name a sender and an opt-out line
 * (placeholders — a real shop sets its own with `PUT /v1/settings`) and go to the log.
 */
export const DEMO_SETTINGS: WorkspaceSettings = WorkspaceSettingsSchema.parse({
  sender: { name: 'Retain 데모샵', contact: '02-000-0000', optOut: '무료수신거부 080-000-0000' },
  delivery: { adapter: 'log' },
});
