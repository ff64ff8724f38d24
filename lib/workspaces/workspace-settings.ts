import { z } from 'zod';
import { SendSettingsShape } from '../sends/send-settings.js';
import { isValidTimeZone } from '../time/local-date.js';

/** A shop's settings. Day boundaries, quiet hours and "send at 10:00" use its time zone. */
export const WorkspaceSettingsSchema = z.object({
  timeZone: z.string().refine(isValidTimeZone, 'must be an IANA time zone, e.g. Asia/Seoul').default('Asia/Seoul'),
  ...SendSettingsShape,
});

export type WorkspaceSettings = z.infer<typeof WorkspaceSettingsSchema>;

export const DEFAULT_SETTINGS: WorkspaceSettings = WorkspaceSettingsSchema.parse({});

/** The port settings are read through. */
export interface WorkspaceSettingsStore {
  get(workspace: string): Promise<WorkspaceSettings>;
}
