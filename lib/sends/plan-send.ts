import type { CanonicalEvent } from '../events/canonical-event.js';
import type { ProfileView } from '../profiles/profile-view.js';
import { formatLocal } from '../time/zoned-time.js';
import type { WorkspaceSettings } from '../workspaces/workspace-settings.js';
import { formatAd, type MessageContent } from './ad-law.js';
import { assignArm } from './arm-assignment.js';
import { checkConsent, hasNightConsent } from './consent-check.js';
import { purposeIssues } from './purpose-rules.js';
import { earliestAllowed, quietWindowsFor, quietZonesFor, type QuietRule } from './quiet-hours.js';
import { recipientFor, type Recipient } from './recipient.js';
import { renderMessage, TemplateRenderError } from './render-message.js';
import type { SendAction } from './send-action.js';
import type { SendOutcome } from './send-gate.js';
import { templateScope } from './template-scope.js';

/** The tag the dormancy rule gives 휴면 members: no ads for them. */
export const DORMANT_TAG = 'dormant';

/** What is being sent, whether just requested or resumed from the ledger. */
export interface SendSubject {
  customerId: string;
  ruleId: string;
  action: SendAction;
  event?: CanonicalEvent | undefined;
  expiresAt?: string | undefined;
}

export type SendPlan =
  | { kind: 'end'; state: 'blocked' | 'expired' | 'holdout'; outcome: SendOutcome; reason: string; arm: string | null; reconfirmConsent?: boolean }
  | {
      kind: 'send';
      arm: string;
      content: MessageContent;
      recipient: Recipient;
      /** The quiet windows that apply to this customer and channel, in the recipient's zones (a budget deferral must respect them too). */
      quiet: QuietRule;
      notBefore: Date;
      quietReason?: string;
    };

const blocked = (outcome: SendOutcome, reason: string, arm: string | null = null, reconfirmConsent = false): SendPlan => ({
  kind: 'end',
  state: 'blocked',
  outcome,
  reason,
  arm,
  ...(reconfirmConsent ? { reconfirmConsent } : {}),
});

/**
 * Decides everything about a send that needs no I/O, in this order:
 * 1. expired → dropped; 2. a workspace or channel that cannot carry it → blocked;
 * 3. consent (stale ad consent asks for re-confirmation), dormancy, a recipient → blocked;
 * 4. the arm: holdout customers are recorded, never sent (after the eligibility checks, so
 *    the control group is as eligible as the customers who get the message);
 * 5. render the variant (an information message with ad content, an AlimTalk without its
 *    template code → blocked), label an ad as the law wants;
 * 6. quiet hours, judged in the recipient's zone (see quietZonesFor) → the earliest time it
 *    may go out (still dropped if that is past expiry).
 * The fatigue budget is the caller's: it needs the customer's counters.
 */
export const planSend = (subject: SendSubject, profile: ProfileView, settings: WorkspaceSettings, now: Date): SendPlan => {
  const { action } = subject;
  const tz = settings.timeZone;
  if (subject.expiresAt && now >= new Date(subject.expiresAt)) return { kind: 'end', state: 'expired', outcome: 'expired', reason: `expired at ${formatLocal(new Date(subject.expiresAt), tz)}`, arm: null };
  if (action.channel === 'alimtalk' && action.purpose === 'ad') return blocked('blocked-misconfigured', 'AlimTalk carries information only, never ads');
  if (action.purpose === 'ad' && !settings.sender) return blocked('blocked-misconfigured', 'the workspace has no sender for ads (name, contact, opt-out line): set "sender" with PUT /v1/settings');

  const consent = checkConsent(profile, action.channel, action.purpose, now, settings.consentMaxAgeDays);
  if (!consent.allowed) return blocked('blocked-no-consent', consent.reason, null, consent.reconfirm);
  if (action.purpose === 'ad' && profile.tags.includes(DORMANT_TAG)) return blocked('blocked-dormant', 'the customer is dormant (휴면): no ads');
  const recipient = profile.anonymous ? { missing: 'an anonymous visitor has no recipient' } : recipientFor(action.channel, profile);
  if ('missing' in recipient) return blocked('blocked-no-recipient', recipient.missing);

  const assignment = assignArm(subject.ruleId, subject.customerId, action);
  if (assignment.holdout) return { kind: 'end', state: 'holdout', outcome: 'holdout', reason: `in the ${Math.round(action.holdout * 100)}% holdout: recorded, not sent`, arm: assignment.arm };

  let content: MessageContent;
  try {
    content = renderMessage(assignment.message, templateScope({ profile, event: subject.event, now, timeZone: tz, sender: settings.sender }));
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    return blocked('blocked-misconfigured', `template ${error.message}`, assignment.arm);
  }
  const [misfit] = purposeIssues(action, content);
  if (misfit) return blocked('blocked-misconfigured', misfit.message, assignment.arm);
  if (action.purpose === 'ad') content = formatAd(content, settings.sender!);

  const nightConsent = hasNightConsent(profile, action.channel, now, settings.consentMaxAgeDays);
  const windows = quietWindowsFor({ channel: action.channel, purpose: action.purpose, nightConsent }, settings.quietHours);
  const quiet: QuietRule = { windows, zones: quietZonesFor(recipient.recipient, tz) };
  const notBefore = earliestAllowed(now, quiet);
  if (subject.expiresAt && notBefore >= new Date(subject.expiresAt)) {
    return { kind: 'end', state: 'expired', outcome: 'expired', reason: `quiet hours end at ${formatLocal(notBefore, tz)}, after it expires at ${formatLocal(new Date(subject.expiresAt), tz)}`, arm: assignment.arm };
  }
  const quietReason = notBefore > now ? `quiet hours ${windows.map((window) => `${window.start}–${window.end}`).join(' and ')}${nightConsent ? '' : ' (no night consent)'}: until ${formatLocal(notBefore, quiet.zones[0]!)}` : undefined;
  return { kind: 'send', arm: assignment.arm, content, recipient: recipient.recipient, quiet, notBefore, ...(quietReason ? { quietReason } : {}) };
};
