import { crmOperators } from '../../lib/rules/crm-operators.js';
import { DaysSinceWindow } from '../../lib/rules/days-since-window.js';
import { compileLogic } from '../../lib/rules/json-logic.js';
import { isCanonicalInstant } from '../../lib/time/canonical-instant.js';
import { toEpochMs } from '../../lib/time/iso-instant.js';
import { reportedRules } from './rules-bench-cases.js';
import { NOW, TIME_ZONE } from './rules-bench-profiles.js';
import { nanosPerCall } from './rules-measure.js';

type Data = { profile: Record<string, unknown> };

/**
 * Why a date-heavy rule stays under 50×: an exact compiled date check still has to look at
 * its date. Outside its window a canonical date costs a layout check and one or two string
 * comparisons; inside, the text must also be proved a real date-time (no February 30th), or
 * the answer could differ from json-logic-js's NaN — about two dozen `charCodeAt`s. Counting
 * the checks each rule makes on this data gives the least time any exact compiled rule
 * needs, and so the best ratio it can reach against json-logic-js.
 */
export function printCostFloor(dataset: readonly unknown[], referenceSpeed: ReadonlyMap<string, number>, sink: { total: number }): void {
  const profiles = (dataset.slice(0, 250) as Data[]).map((data) => data.profile);
  const outside = new DaysSinceWindow([[100_000, 100_001]]);
  const inside = new DaysSinceWindow([[-1_000_000, 1_000_000]]);
  const cost = {
    parse: nanosPerCall(profiles, (p) => toEpochMs(p['signupAt']), sink),
    operator: nanosPerCall(profiles, (p) => crmOperators.days_since.evaluate(NOW, TIME_ZONE, p['signupAt']), sink),
    outside: nanosPerCall(profiles, (p) => outside.has(NOW, TIME_ZONE, p['signupAt']), sink),
    inside: nanosPerCall(profiles, (p) => inside.has(NOW, TIME_ZONE, p['signupAt']), sink),
    validate: nanosPerCall(profiles, (p) => isCanonicalInstant(p['signupAt'] as string), sink),
    visits: nanosPerCall(profiles, (p) => crmOperators.visits_within.evaluate(NOW, TIME_ZONE, p['recentVisits'], 365), sink),
  };
  const line = (label: string, ns: number): string => `  ${label.padEnd(58)}${ns.toFixed(0).padStart(6)} ns`;
  console.log('\nwhat an exact date check costs (per call, in cache):');
  console.log(line('parse an ISO date (toEpochMs)', cost.parse));
  console.log(line('days_since(date), the operator json-logic-js calls', cost.operator));
  console.log(line('compiled window, canonical date outside it', cost.outside));
  console.log(line('compiled window, canonical date inside it', cost.inside));
  console.log(line('  of which proving the text a real date-time', cost.validate));
  console.log(line('visits_within(365), json-logic-js counting every visit', cost.visits));

  console.log(`\n${'rule'.padEnd(50)}${'inside'.padStart(8)}${'outside'.padStart(9)}${'floor ns'.padStart(10)}${'jl ns'.padStart(8)}${'best ×'.padStart(8)}`);
  for (const rule of reportedRules) {
    const checks = dateChecks(rule.logic, dataset as Data[]);
    if (checks === undefined) continue;
    const floor = checks.inside * cost.inside + checks.outside * cost.outside;
    const referenceNs = 1e9 / (referenceSpeed.get(rule.name) ?? Number.NaN);
    console.log(
      `${rule.name.padEnd(50)}${checks.inside.toFixed(2).padStart(8)}${checks.outside.toFixed(2).padStart(9)}` +
        `${floor.toFixed(0).padStart(10)}${referenceNs.toFixed(0).padStart(8)}${(referenceNs / floor).toFixed(0).padStart(7)}×`,
    );
  }
}

/**
 * Date checks per evaluation, inside and outside their windows: conditions of an `and` are
 * walked in order (as the compiled rule stops at the first false); "3+ visits" looks at the
 * latest visits until three are in the window.
 */
function dateChecks(logic: unknown, dataset: readonly Data[]): { inside: number; outside: number } | undefined {
  const text = JSON.stringify(logic);
  let inside = 0;
  let outside = 0;
  if (text.includes('visits_within')) {
    const window = new DaysSinceWindow([[0, 365]]);
    for (const { profile } of dataset) {
      const visits = profile['recentVisits'] as string[];
      let found = 0;
      for (let i = visits.length - 1; i >= 0 && found < 3; i--) {
        if (window.has(NOW, TIME_ZONE, visits[i])) found++;
        else outside++;
      }
      inside += found;
    }
    return { inside: inside / dataset.length, outside: outside / dataset.length };
  }
  if (!/days_since|hours_since/.test(text)) return undefined;
  const conditions = (logic as { and?: unknown[] }).and ?? [logic];
  const compiled = conditions.map((condition) => ({ dated: /days_since|hours_since/.test(JSON.stringify(condition)), test: compileLogic(condition) }));
  for (const data of dataset) {
    for (const { dated, test } of compiled) {
      const holds = !!test({ ...data, now: NOW, timeZone: TIME_ZONE });
      if (dated && holds) inside++;
      else if (dated) outside++;
      if (!holds) break;
    }
  }
  return { inside: inside / dataset.length, outside: outside / dataset.length };
}
