import { looksLikeAd } from './ad-law.js';
import type { SendAction } from './send-action.js';

export interface PurposeIssue {
  /** The field of the message at fault. */
  field: 'text' | 'templateCode';
  message: string;
}

/**
 * What a message must be for its channel and purpose, beyond consent: an information
 * message carries no ad content (the (광고) label belongs to ads, which need ad consent),
 * and an AlimTalk is a template Kakao approved, so it names the template code. Checked
 * when a rule is pushed and again by the gate on every send, whatever the rule's source.
 */
export const purposeIssues = (action: Pick<SendAction, 'channel' | 'purpose'>, message: { text: string; templateCode?: string | undefined }): PurposeIssue[] => [
  ...(action.purpose === 'info' && looksLikeAd(message.text)
    ? [{ field: 'text' as const, message: 'an information message must not carry ad content: use "purpose": "ad" (the (광고) label is then added for you)' }]
    : []),
  ...(action.channel === 'alimtalk' && message.templateCode === undefined
    ? [{ field: 'templateCode' as const, message: 'AlimTalk sends approved templates only: add the template code Kakao approved for this text' }]
    : []),
];
