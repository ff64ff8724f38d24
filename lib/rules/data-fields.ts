import { ChannelSchema, ConsentPurposeSchema } from '../events/canonical-event.js';
import { closestName } from './closest-name.js';

/**
 * The fields rules can read: `{ profile, event, now, timeZone }`, and below `profile` the
 * ProfileView (profile-view.ts) — so a misspelt field is caught before it silently reads
 * null. A field spec is `leaf` (a value), `any` (free-form: traits), an object of named
 * fields, a map with known keys at each level (consent), or a list (index or `length`).
 */
type FieldSpec =
  | 'leaf'
  | 'any'
  | { readonly fields: Readonly<Record<string, FieldSpec>> }
  | { readonly keys: readonly string[]; readonly each: FieldSpec }
  | { readonly list: FieldSpec };

const leaf = 'leaf' as const;
const listOf = (each: FieldSpec): FieldSpec => ({ list: each });
const fields = (entries: Record<string, FieldSpec>): FieldSpec => ({ fields: entries });

const LINE_ITEM = fields({ productId: leaf, variantId: leaf, name: leaf, category: leaf, price: leaf, quantity: leaf });

/** ProfileView, field by field (keep in step with profile-view.ts). */
export const PROFILE_FIELDS = fields({
  workspace: leaf,
  customerId: leaf,
  anonymous: leaf,
  isMember: leaf,
  signupAt: leaf,
  visitCount: leaf,
  firstVisitAt: leaf,
  lastVisitAt: leaf,
  lastSeenAt: leaf,
  recentVisits: listOf(leaf),
  orderCount: leaf,
  totalSpent: leaf,
  currency: leaf,
  firstOrderAt: leaf,
  lastOrderAt: leaf,
  avgOrderIntervalDays: leaf,
  lastOrderCategories: listOf(leaf),
  cart: fields({ token: leaf, currency: leaf, items: listOf(LINE_ITEM), value: leaf, updatedAt: leaf }),
  traits: 'any',
  consent: { keys: ChannelSchema.options, each: { keys: ConsentPurposeSchema.options, each: fields({ state: leaf, at: leaf, source: leaf }) } },
  tags: listOf(leaf),
  anonymousIds: listOf(leaf),
  firstEventAt: leaf,
  lastEventAt: leaf,
});

/** The top of the evaluation data; `event` is checked per event type by the validator. */
export const DATA_ROOTS = ['profile', 'event', 'now', 'timeZone'] as const;

/**
 * Why `segments` (a `var` path below `profile`, split at dots) names no profile field, with
 * a suggestion; undefined when it does.
 */
export function unknownProfileField(segments: readonly string[]): string | undefined {
  let spec: FieldSpec = PROFILE_FIELDS;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] ?? '';
    const here = ['profile', ...segments.slice(0, index)].join('.');
    const known = knownNames(spec);
    const next = childSpec(spec, segment);
    if (next === 'any') return undefined;
    if (next === undefined) {
      if (spec === 'leaf') return `"${here}" has no field "${segment}"`;
      const suggestion = known.length > 0 ? closestName(segment, known) : undefined;
      const hint = suggestion === undefined ? '' : ` — did you mean "${here}.${suggestion}"?`;
      return `unknown profile field "${[here, segment].join('.')}"${hint}`;
    }
    spec = next;
  }
  return undefined;
}

function childSpec(spec: FieldSpec, segment: string): FieldSpec | undefined {
  if (spec === 'leaf') return undefined;
  if (spec === 'any') return 'any';
  if ('fields' in spec) return Object.hasOwn(spec.fields, segment) ? spec.fields[segment] : undefined;
  if ('keys' in spec) return spec.keys.includes(segment) ? spec.each : undefined;
  if (segment === 'length') return leaf;
  return /^\d+$/.test(segment) ? spec.list : undefined;
}

function knownNames(spec: FieldSpec): readonly string[] {
  if (spec === 'leaf' || spec === 'any') return [];
  if ('fields' in spec) return Object.keys(spec.fields);
  if ('keys' in spec) return spec.keys;
  return ['length'];
}

/** Every path a marketer may write below `profile` (lists and maps as their first entry), for editor hints. */
export function profilePaths(spec: FieldSpec = PROFILE_FIELDS, prefix = 'profile'): string[] {
  if (spec === 'leaf' || spec === 'any') return [prefix];
  if ('fields' in spec) return [prefix, ...Object.entries(spec.fields).flatMap(([name, child]) => profilePaths(child, `${prefix}.${name}`))];
  if ('keys' in spec) return [prefix, ...spec.keys.flatMap((key) => profilePaths(spec.each, `${prefix}.${key}`))];
  return [prefix, `${prefix}.length`, ...profilePaths(spec.list, `${prefix}.0`)];
}
