import { Liquid, type FS, type Template } from 'liquidjs';
import type { MessageContent } from './ad-law.js';
import type { Message } from './send-action.js';
import type { TemplateScope } from './template-scope.js';

export class TemplateRenderError extends Error {
  override readonly name = 'TemplateRenderError';
  constructor(
    readonly field: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${field}: ${message}`, options);
  }
}

/** Tags that pull in another template — from a file, in liquidjs. A message stands on its own. */
export const LOADING_TAGS = ['include', 'render', 'layout'] as const;

/** No template is ever read from anywhere: every lookup fails alike, so an error cannot tell whether a path exists. */
const NO_FILES: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => {
    throw new Error('templates cannot read files');
  },
  readFileSync: () => {
    throw new Error('templates cannot read files');
  },
  resolve: (_dir, file) => file,
};

/**
 * One Liquid engine for checking and rendering. Unknown filters are errors (a typo is
 * caught at push); only own properties are visible (no prototype walking); parse and
 * render are bounded, so a marketer's loop cannot stall delivery. A variable that is
 * missing renders empty — `checkMessageTemplates` makes sure such places have a default.
 * `include`, `render` and `layout` are refused when a template is parsed (at push, and
 * again at send for a template stored some other way), and the engine's file system has
 * no files, so no template can read the server's.
 */
export const liquid = new Liquid({
  strictFilters: true,
  ownPropertyOnly: true,
  parseLimit: 20_000,
  renderLimit: 250,
  memoryLimit: 1_000_000,
  fs: NO_FILES,
  relativeReference: false,
  dynamicPartials: false,
});
for (const name of LOADING_TAGS) {
  liquid.registerTag(name, {
    parse() {
      throw new Error(`{% ${name} %} is not allowed: a message cannot load other templates or files — write the text into the message itself`);
    },
    render() {},
  });
}

const MAX_CACHED = 500;
const parsed = new Map<string, Template[]>();

/** Parses once per distinct text (rules are few, sends many). */
export const parseTemplate = (text: string): Template[] => {
  let templates = parsed.get(text);
  if (!templates) {
    templates = liquid.parse(text);
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(text, templates);
  }
  return templates;
};

const renderField = (field: string, text: string, scope: TemplateScope): string => {
  try {
    return String(liquid.renderSync(parseTemplate(text), scope)).trim();
  } catch (error) {
    throw new TemplateRenderError(field, error instanceof Error ? error.message : String(error), { cause: error });
  }
};

/** The message's templates rendered for one customer. */
export const renderMessage = (message: Message, scope: TemplateScope): MessageContent => {
  const text = renderField('text', message.text, scope);
  if (text === '') throw new TemplateRenderError('text', 'renders to nothing for this customer');
  return {
    text,
    ...(message.title !== undefined ? { title: renderField('title', message.title, scope) } : {}),
    ...(message.link !== undefined ? { link: renderField('link', message.link, scope) } : {}),
    ...(message.templateCode !== undefined ? { templateCode: message.templateCode } : {}),
  };
};
