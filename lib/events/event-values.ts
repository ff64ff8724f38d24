import { z } from 'zod';
import { clipText, jsonDepthExceeds, MAX_TRAIT_BYTES, MAX_TRAIT_NAME_BYTES, MAX_TRAITS, MAX_VALUE_DEPTH, utf8Bytes } from '../validation/bounds.js';

/**
 * The free-form parts of an event: traits (kept on the profile) and properties (kept with
 * the event). Both are JSON objects whose values nest at most MAX_VALUE_DEPTH levels; traits
 * are also bounded in number, name and size, since every one of them lives on the profile.
 */

const tooDeep = `nests deeper than ${MAX_VALUE_DEPTH} levels; trait and property values nest at most ${MAX_VALUE_DEPTH} levels`;

export const TraitsSchema = z.record(z.string(), z.unknown()).superRefine((traits, context) => {
  const names = Object.keys(traits);
  if (names.length > MAX_TRAITS) {
    context.addIssue({ code: 'custom', message: `has ${names.length} traits; at most ${MAX_TRAITS} per message (and per profile)`, input: traits });
  }
  for (const name of names) {
    const value = traits[name];
    if (utf8Bytes(name) > MAX_TRAIT_NAME_BYTES) {
      context.addIssue({ code: 'custom', path: [name], message: `the trait name is ${utf8Bytes(name)} bytes long; at most ${MAX_TRAIT_NAME_BYTES} bytes (UTF-8)`, input: value });
    } else if (jsonDepthExceeds(value, MAX_VALUE_DEPTH)) {
      context.addIssue({ code: 'custom', path: [name], message: tooDeep, input: value });
    } else {
      const bytes = utf8Bytes(JSON.stringify(value) ?? '');
      if (bytes > MAX_TRAIT_BYTES) context.addIssue({ code: 'custom', path: [name], message: `is ${bytes} bytes as JSON; a trait holds at most ${MAX_TRAIT_BYTES} bytes`, input: value });
    }
  }
});

export const PropertiesSchema = z.record(z.string(), z.unknown()).superRefine((properties, context) => {
  for (const [name, value] of Object.entries(properties)) {
    if (jsonDepthExceeds(value, MAX_VALUE_DEPTH)) context.addIssue({ code: 'custom', path: [name], message: tooDeep, input: value });
  }
});

/** A platform's traits, each text clipped to what a trait holds (a customer's 300 Shopify tags are legitimate, and kept in part). */
export const fitTraits = (traits: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(traits).map(([name, value]) => [name, typeof value === 'string' ? clipText(value, MAX_TRAIT_BYTES, { asJson: true }) : value]));
