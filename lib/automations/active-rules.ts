import { compileRule, type CompiledRule } from '../rules/compile-rule.js';
import type { RuleRepository } from '../rules/rule-repository.js';
import type { Rule } from '../rules/rule-schema.js';
import { segmentResolverOf } from '../rules/segment-resolver.js';
import type { Clock } from '../time/clock.js';

/** A workspace's rules in force, compiled and indexed the ways the trigger paths look them up. */
export interface WorkspaceRules {
  /** Trigger rules that start on this event type. */
  startingOn(type: string): readonly CompiledRule[];
  /** Trigger rules whose waits this event type cancels. */
  cancelledBy(type: string): readonly CompiledRule[];
  /** The active trigger rule with this id (a wait that ends acts with the version now in force). */
  trigger(ruleId: string): CompiledRule | undefined;
  scheduled(): readonly CompiledRule[];
  /** The longest `maxEventAge` of the trigger rules in force (0 without any): an event older than this when it arrived starts none of them. */
  maxEventAgeMs(): number;
}

export interface ActiveRulesOptions {
  /** How long a workspace's rule set is reused before the repository is asked again. */
  ttlMs?: number;
  /** A rule that does not compile is left out (and reported) rather than stopping every other rule. */
  onInvalidRule?: (workspace: string, rule: Rule, error: unknown) => void;
}

const DEFAULT_TTL_MS = 60_000;

/**
 * The active rules of each workspace, per execution environment: fetched at most once per
 * TTL, each rule version compiled once (and again only when a segment it uses changes).
 */
export class ActiveRules {
  private readonly sets = new Map<string, { at: number; rules: Promise<WorkspaceRules> }>();
  /** Per workspace, the compiled rules of its latest set: versions no longer in force are let go. */
  private readonly compiled = new Map<string, Map<string, CompiledRule>>();

  constructor(
    private readonly repository: RuleRepository,
    private readonly clock: Clock,
    private readonly options: ActiveRulesOptions = {},
  ) {}

  forWorkspace(workspace: string): Promise<WorkspaceRules> {
    const now = this.clock.now().getTime();
    const cached = this.sets.get(workspace);
    if (cached && now - cached.at < (this.options.ttlMs ?? DEFAULT_TTL_MS) && now >= cached.at) return cached.rules;
    const rules = this.load(workspace);
    this.sets.set(workspace, { at: now, rules });
    rules.catch(() => this.sets.delete(workspace));
    return rules;
  }

  /** Forgets the workspace's rule set: the next event reads the rules in force again (a push in this process). */
  invalidate(workspace: string): void {
    this.sets.delete(workspace);
  }

  private async load(workspace: string): Promise<WorkspaceRules> {
    const rules = await this.repository.activeRules(workspace);
    const segments = segmentResolverOf(rules);
    const segmentVersions = rules.flatMap((rule) => (rule.kind === 'segment' ? [`${rule.id}@${rule.version}`] : [])).sort().join(',');
    const compiled: CompiledRule[] = [];
    const previous = this.compiled.get(workspace);
    const current = new Map<string, CompiledRule>();
    for (const rule of rules) {
      const cacheKey = `${rule.id}@${rule.version}|${segmentVersions}`;
      let entry = previous?.get(cacheKey);
      if (!entry) {
        try {
          entry = compileRule(rule, { segments });
        } catch (error) {
          this.options.onInvalidRule?.(workspace, rule, error);
          continue;
        }
      }
      current.set(cacheKey, entry);
      compiled.push(entry);
    }
    this.compiled.set(workspace, current);
    return indexRules(compiled);
  }
}

const indexRules = (compiled: CompiledRule[]): WorkspaceRules => {
  const triggers = compiled.filter((entry) => entry.rule.kind === 'trigger');
  const starting = new Map<string, CompiledRule[]>();
  const cancelling = new Map<string, CompiledRule[]>();
  for (const entry of triggers) {
    if (entry.rule.kind !== 'trigger') continue;
    for (const type of entry.rule.on) starting.set(type, [...(starting.get(type) ?? []), entry]);
    for (const type of entry.rule.cancelOn) cancelling.set(type, [...(cancelling.get(type) ?? []), entry]);
  }
  const byId = new Map(triggers.map((entry) => [entry.rule.id, entry]));
  const maxEventAgeMs = Math.max(0, ...triggers.map((entry) => entry.maxEventAgeMs));
  const scheduled = compiled.filter((entry) => entry.rule.kind === 'scheduled');
  return {
    startingOn: (type) => starting.get(type) ?? [],
    cancelledBy: (type) => cancelling.get(type) ?? [],
    trigger: (ruleId) => byId.get(ruleId),
    scheduled: () => scheduled,
    maxEventAgeMs: () => maxEventAgeMs,
  };
};
