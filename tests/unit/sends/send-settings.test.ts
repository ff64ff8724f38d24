import { describe, expect, it } from 'vitest';
import { WorkspaceSettingsSchema } from '../../../lib/workspaces/workspace-settings.js';

describe('send settings', () => {
  it('default to the legal quiet hours, a log adapter and a two-year consent age', () => {
    // Arrange + Act
    const settings = WorkspaceSettingsSchema.parse({});
    // Assert
    expect(settings).toMatchObject({
      quietHours: { ad: { start: '21:00', end: '08:00' }, brandMessage: { start: '20:50', end: '08:00' } },
      consentMaxAgeDays: 730,
      delivery: { adapter: 'log' },
    });
  });

  it('accept quiet hours stricter than the law', () => {
    // Arrange + Act
    const parsed = WorkspaceSettingsSchema.safeParse({ quietHours: { ad: { start: '20:00', end: '09:00' } } });
    // Assert
    expect(parsed.success).toBe(true);
  });

  it('refuse quiet hours laxer than the law, naming the field', () => {
    // Arrange + Act
    const parsed = WorkspaceSettingsSchema.safeParse({ quietHours: { ad: { start: '22:00', end: '08:00' } } });
    // Assert
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['quietHours', 'ad'], message: expect.stringContaining('must cover 21:00–08:00') })]);
  });

  it('need a URL for webhook delivery', () => {
    // Arrange + Act
    const parsed = WorkspaceSettingsSchema.safeParse({ delivery: { adapter: 'webhook' } });
    // Assert
    expect(parsed.error?.issues[0]?.path).toEqual(['delivery', 'url']);
  });
});
