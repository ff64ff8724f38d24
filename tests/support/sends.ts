import type { ProfileView } from '../../lib/profiles/profile-view.js';
import { assignArm } from '../../lib/sends/arm-assignment.js';
import type { MessageQueue } from '../../lib/queue/message-queue.js';
import { SendActionSchema, type SendAction } from '../../lib/sends/send-action.js';
import type { SendDeps } from '../../lib/sends/send-deps.js';
import type { SendRequest } from '../../lib/sends/send-gate.js';
import type { SendMessage } from '../../lib/sends/send-message.js';
import { ManualClock } from '../../lib/time/clock.js';
import { WorkspaceSettingsSchema, type WorkspaceSettings } from '../../lib/workspaces/workspace-settings.js';
import { InMemorySendStore } from './in-memory-send-store.js';
import { InMemoryTimers } from './in-memory-timers.js';

export const SENDER = { name: '데모샵', contact: '02-123-4567', optOut: '무료수신거부 080-123-4567' };

/** Settings with a sender, so ads can go out. */
export const sendSettings = (overrides: Record<string, unknown> = {}): WorkspaceSettings => WorkspaceSettingsSchema.parse({ sender: SENDER, ...overrides });

type Consent = ProfileView['consent'];

/** Consent as the profile shows it: `granted(channel, purposes, at)`. */
export const granted = (channel: string, purposes: string[], at = '2026-01-10T00:00:00.000Z'): Consent => ({
  [channel]: Object.fromEntries(purposes.map((purpose) => [purpose, { state: 'granted' as const, at, source: 'test' }])),
});

export const profile = (overrides: Partial<ProfileView> = {}): ProfileView => ({
  workspace: 'ws-test',
  customerId: 'c-1',
  anonymous: false,
  isMember: true,
  signupAt: '2025-06-01T00:00:00.000Z',
  visitCount: 3,
  firstVisitAt: '2025-06-01T00:00:00.000Z',
  lastVisitAt: '2026-03-01T00:00:00.000Z',
  lastSeenAt: '2026-03-01T00:00:00.000Z',
  recentVisits: [],
  orderCount: 1,
  totalSpent: 30000,
  currency: 'KRW',
  firstOrderAt: '2025-07-01T00:00:00.000Z',
  lastOrderAt: '2025-07-01T00:00:00.000Z',
  avgOrderIntervalDays: null,
  lastOrderCategories: [],
  cart: null,
  traits: { name: '김민지', phone: '010-1234-5678', email: 'minji@example.com' },
  consent: { ...granted('sms', ['ad']), ...granted('email', ['ad']), ...granted('brand_message', ['ad']) },
  tags: [],
  anonymousIds: [],
  firstEventAt: null,
  lastEventAt: null,
  ...overrides,
});

export const adAction = (overrides: Record<string, unknown> = {}): SendAction =>
  SendActionSchema.parse({ type: 'send', channel: 'sms', purpose: 'ad', message: { text: '{{ profile.traits.name | default: "고객" }}님, 봄 세일이 시작됐어요.' }, ...overrides });

export const sendRequest = (overrides: Partial<SendRequest> = {}): SendRequest => ({
  workspace: 'ws-test',
  customerId: 'c-1',
  rule: { id: 'spring-sale', version: 1, priority: 50 },
  action: adAction(),
  actionIndex: 0,
  occurrence: 'spring-2026',
  profile: profile(),
  matchedAt: '2026-03-02T01:00:00.000Z',
  ...overrides,
});

/** A queue that keeps what is sent to it. */
export class RecordingQueue<T> implements MessageQueue<T> {
  readonly sent: Array<{ message: T; delaySeconds?: number }> = [];
  failNext = 0;

  async send(message: T, options: { delaySeconds?: number } = {}): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('queue unavailable');
    }
    this.sent.push({ message: structuredClone(message), ...options });
  }
}

/** The gate's ports as in-memory fakes, on a manual clock. */
export const sendHarness = (options: { now: string; settings?: WorkspaceSettings }) => {
  const clock = new ManualClock(options.now);
  const store = new InMemorySendStore();
  const timers = new InMemoryTimers();
  const queue = new RecordingQueue<SendMessage>();
  const tagged: Array<{ customerId: string; add: readonly string[] }> = [];
  const errors: string[] = [];
  const settings = options.settings ?? sendSettings();
  const deps: SendDeps = {
    store,
    queue,
    timers,
    settings: { get: async () => settings },
    tags: {
      changeTags: async (_workspace, customerId, change) => {
        tagged.push({ customerId, add: change.add });
        return 'changed';
      },
    },
    clock,
    onError: (what) => errors.push(what),
  };
  return { clock, store, timers, queue, tagged, errors, deps };
};

/** Seoul time as an ISO instant: `kst('2026-03-02 22:30')`. */
export const kst = (local: string): string => new Date(`${local.replace(' ', 'T')}:00+09:00`).toISOString();

/** A customer id the (deterministic) assignment puts in `arm` for this rule and action. */
export const customerInArm = (ruleId: string, action: SendAction, arm: string, prefix = 'customer'): string => {
  for (let index = 0; index < 10_000; index += 1) {
    if (assignArm(ruleId, `${prefix}-${index}`, action).arm === arm) return `${prefix}-${index}`;
  }
  throw new Error(`no customer lands in arm ${arm}`);
};
