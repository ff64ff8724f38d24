import type { Sender } from './send-settings.js';

/** The label Korean law (정보통신망법 제50조) puts at the very start of every ad. */
export const AD_PREFIX = '(광고)';

/** A message as it goes out: rendered text, and the title, link and template code where the channel has them. */
export interface MessageContent {
  text: string;
  title?: string;
  link?: string;
  templateCode?: string;
}

const withoutPrefix = (text: string): string => (text.trimStart().startsWith(AD_PREFIX) ? text.trimStart().slice(AD_PREFIX.length).trimStart() : text);

/**
 * An ad as the law wants it: `(광고)` and the sender's name first, the sender's contact
 * and the free opt-out line last. A template that already starts with `(광고)` is not
 * labelled twice; titles (e-mail subjects, Brand Message headers) are labelled too.
 */
export const formatAd = (content: MessageContent, sender: Sender): MessageContent => ({
  ...content,
  text: [`${AD_PREFIX} ${sender.name}`, withoutPrefix(content.text).trim(), '', `문의 ${sender.contact}`, sender.optOut].join('\n'),
  ...(content.title !== undefined ? { title: `${AD_PREFIX} ${withoutPrefix(content.title).trim()}` } : {}),
});

/** Whether a text carries the ad label (an information message must not). */
export const looksLikeAd = (text: string): boolean => text.includes(AD_PREFIX);
