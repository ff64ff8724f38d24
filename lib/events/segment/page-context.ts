import type { SegmentMessage } from './segment-message.js';

type Page = { path?: string; url?: string; title?: string; referrer?: string; name?: string };
type Campaign = { source?: string; medium?: string; name?: string; term?: string; content?: string };

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Where the customer was: a page call's properties, else the context's page. */
export const pageOf = (message: SegmentMessage): Page | undefined => {
  const properties: Record<string, unknown> =
    message.type === 'page' || message.type === 'screen' || message.type === 'track' ? message.properties : {};
  const context = message.context?.page ?? {};
  const url = str(properties['url']) ?? str(context.url);
  const page = compact({
    path: str(properties['path']) ?? str(context.path) ?? pathOf(url),
    url,
    title: str(properties['title']) ?? str(context.title),
    referrer: str(properties['referrer']) ?? str(context.referrer),
    name: 'name' in message ? str(message.name) : undefined,
  });
  return Object.keys(page).length > 0 ? page : undefined;
};

/** The campaign: the context's, else the utm_* parameters of the page address. */
export const campaignOf = (message: SegmentMessage): Campaign | undefined => {
  const fromContext = compact({ ...message.context?.campaign });
  if (Object.keys(fromContext).length > 0) return fromContext;
  const page = pageOf(message);
  const search = page?.url ? searchOf(page.url) : str(message.context?.page?.search);
  if (!search) return undefined;
  const params = new URLSearchParams(search);
  const campaign = compact({
    source: params.get('utm_source') ?? undefined,
    medium: params.get('utm_medium') ?? undefined,
    name: params.get('utm_campaign') ?? undefined,
    term: params.get('utm_term') ?? undefined,
    content: params.get('utm_content') ?? undefined,
  });
  return Object.keys(campaign).length > 0 ? campaign : undefined;
};

const pathOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
};

const searchOf = (url: string): string | undefined => {
  try {
    return new URL(url).search || undefined;
  } catch {
    return undefined;
  }
};

const compact = <T extends Record<string, unknown>>(values: T): T =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => typeof value === 'string' && value !== '')) as T;
