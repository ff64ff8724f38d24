import { countPathPrefixes, prefixKey } from './var-paths.js';

/** A JavaScript string literal of any text, safe to place in generated source. */
export function jsString(text: string): string {
  // JSON escapes quotes, backslashes, control characters and lone surrogates; U+2028/9
  // are legal in modern string literals but escaped anyway, for older parsers and eyes.
  return JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export interface NameSource {
  next(prefix: string): string;
}

/**
 * The body of one generated function — a rule, a segment, or one element of some/map/… —
 * where `data` names the data: its temporaries, and the `var` path prefixes that several
 * `var`s read, looked up once at the top (lookups are pure, so reading one early is safe).
 *
 * Lookups read own properties only. A plain object's only inherited names are those of
 * Object.prototype, so `"k" in OP` (an inline-cached check) proves an own read safe;
 * anything else pays for hasOwnProperty.
 */
export class Scope {
  private readonly temps: string[] = [];
  private readonly hoisted = new Map<string, string>();
  private readonly hoistedInOrder: { readonly name: string; readonly segments: readonly string[] }[] = [];
  private chains = false;

  constructor(
    private readonly names: NameSource,
    logic: unknown,
    reads: (op: string) => readonly (readonly string[])[],
  ) {
    const shared = [...countPathPrefixes(logic, reads).values()].filter((use) => use.count >= 2);
    shared.sort((a, b) => a.segments.length - b.segments.length);
    for (const use of shared) {
      const name = names.next('v');
      this.hoisted.set(prefixKey(use.segments), name);
      this.hoistedInOrder.push({ name, segments: use.segments });
    }
  }

  temp(): string {
    const name = this.names.next('t');
    this.temps.push(name);
    return name;
  }

  /** The own value at `segments` below `data`, or undefined. */
  lookup(segments: readonly string[], longestPrefix = segments.length): string {
    let base = 'data';
    let start = 0;
    for (let length = Math.min(longestPrefix, segments.length); length >= 1; length--) {
      const name = this.hoisted.get(prefixKey(segments.slice(0, length)));
      if (name !== undefined) {
        base = name;
        start = length;
        break;
      }
    }
    const rest = segments.slice(start);
    if (rest.length === 0) return base;
    this.chains = true;
    if (rest.length === 1) return ownStep(base, rest[0] ?? '');
    const steps = rest.map((segment, index) => ownStep(index === 0 ? base : '$o', segment));
    const last = steps.pop() ?? '';
    return `(${steps.map((step) => `$o = ${step}`).join(', ')}, ${last})`;
  }

  /** Declarations to place before the body. */
  prelude(): string {
    const lookups = this.hoistedInOrder.map(
      ({ name, segments }) => `const ${name} = ${this.lookup(segments, segments.length - 1)};`,
    );
    const lets = [...(this.chains ? ['$o', '$v'] : []), ...this.temps];
    return `${lets.length === 0 ? '' : `let ${lets.join(', ')};`}${lookups.join('')}`;
  }
}

function ownStep(object: string, segment: string): string {
  const key = jsString(segment);
  return (
    `(${object} != null && ($v = ${object}[${key}]) !== undefined && ` +
    `((getProto(${object}) === OP && !(${key} in OP)) || hop.call(${object}, ${key})) ? $v : undefined)`
  );
}
