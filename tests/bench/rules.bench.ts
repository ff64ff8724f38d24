/**
 * Rules benchmark (`npm run bench:rules`): evaluations per second of json-logic-js `apply`
 * (CRM operators registered), of compileLogic's functions and of hand-written JavaScript,
 * for the same rules over the same 10,000 generated profiles, in one run. Ratios against the
 * targets (compiled ≥ 50× json-logic-js, ≥ 0.5× hand-written) are printed twice:
 * - in cache: slices of 100 profiles, each slice evaluated 4 times in a row — the engine
 *   evaluates a profile right after reading it (toProfileView), so its data is in cache;
 * - streaming: one pass over all 10,000 (~30 MB), each evaluation touching memory that is
 *   not in cache: a cheap compiled rule then waits on memory, not on its own work.
 * Then the costs that bound the date-heavy rules, and the time for 1,000,000 profiles ×
 * 20 rules with compiled functions on this one thread.
 */
import os from 'node:os';
import jsonLogic from 'json-logic-js';
import { registerCrmOperators } from '../../lib/rules/register-crm-operators.js';
import { compileLogic } from '../../lib/rules/json-logic.js';
import { moreRules, reportedRules } from './rules-bench-cases.js';
import { makeEvaluationData } from './rules-bench-profiles.js';
import { printCostFloor } from './rules-cost-floor.js';
import { cpuMicros, median, type Evaluate, type Mode } from './rules-measure.js';

const PROFILES = 10_000;
const SLICE = 100;
const REPEATS = 4;
const MEASURE_MS = 400;
const ROUNDS = 5;

registerCrmOperators(jsonLogic);
const dataset = makeEvaluationData(PROFILES) as never[];

/** Truthy results over the dataset, in the mode's order; summed and printed, so no evaluation is dead code. */
function pass(evaluate: Evaluate, mode: Mode): number {
  let matches = 0;
  if (mode === 'streaming') {
    for (let i = 0; i < dataset.length; i++) if (evaluate(dataset[i] as never)) matches++;
    return matches;
  }
  for (let start = 0; start < dataset.length; start += SLICE) {
    const end = Math.min(start + SLICE, dataset.length);
    for (let repeat = 0; repeat < REPEATS; repeat++) for (let i = start; i < end; i++) if (evaluate(dataset[i] as never)) matches++;
  }
  return matches;
}

/** Evaluations per CPU second: whole passes until MEASURE_MS of CPU time has been used. */
function opsPerSecond(evaluate: Evaluate, mode: Mode, sink: { total: number }): number {
  const perPass = mode === 'streaming' ? dataset.length : dataset.length * REPEATS;
  let passes = 0;
  const start = cpuMicros();
  let elapsed = 0;
  while (elapsed < MEASURE_MS * 1e3) {
    sink.total += pass(evaluate, mode);
    passes++;
    elapsed = cpuMicros() - start;
  }
  return (passes * perPass) / (elapsed / 1e6);
}

const format = (n: number): string => Math.round(n).toLocaleString('en-US');
const pad = (text: string, width: number): string => text.padStart(width);
const load = (): string => os.loadavg().map((n) => n.toFixed(1)).join(' ');

console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, load ${load()}, ${PROFILES.toLocaleString('en-US')} profiles, median of ${ROUNDS} rounds × ${MEASURE_MS} ms of CPU time`);
const sink = { total: 0 };
const referenceSpeed = new Map<string, number>();
for (const mode of ['in cache', 'streaming'] as const) {
  const rows: string[] = [];
  let allPass = true;
  for (const rule of reportedRules) {
    const implementations: Record<string, Evaluate> = {
      'json-logic-js': (data) => jsonLogic.apply(rule.logic as never, data),
      compiled: compileLogic(rule.logic) as Evaluate,
      hand: rule.hand as Evaluate,
    };
    const matches = Object.values(implementations).map((evaluate) => pass(evaluate, 'streaming'));
    if (new Set(matches).size !== 1) throw new Error(`${rule.name}: implementations disagree (${matches.join(' / ')} matches)`);
    const samples: Record<string, number[]> = { 'json-logic-js': [], compiled: [], hand: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, evaluate] of Object.entries(implementations)) samples[name]?.push(opsPerSecond(evaluate, mode, sink));
    }
    const [reference, compiled, hand] = ['json-logic-js', 'compiled', 'hand'].map((name) => median(samples[name] ?? []));
    if (mode === 'in cache') referenceSpeed.set(rule.name, reference ?? 0);
    const vsReference = (compiled ?? 0) / (reference ?? 1);
    const vsHand = (compiled ?? 0) / (hand ?? 1);
    const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
    allPass &&= vsReference >= 50 && vsHand >= 0.5;
    rows.push(
      `${rule.name.padEnd(50)}${pad(format(reference ?? 0), 13)}${pad(format(compiled ?? 0), 14)}${pad(format(hand ?? 0), 14)}` +
        `${pad(vsReference.toFixed(1), 9)}× ${verdict(vsReference >= 50)}${pad(vsHand.toFixed(2), 8)}× ${verdict(vsHand >= 0.5)}` +
        `${pad(String(matches[0]), 8)}`,
    );
  }
  console.log(`\n${mode === 'in cache' ? `in cache (slices of ${SLICE} profiles, each evaluated ${REPEATS}× in a row)` : `streaming (one pass over all ${PROFILES.toLocaleString('en-US')} profiles)`}`);
  console.log(`${'rule'.padEnd(50)}${pad('jsonlogic/s', 13)}${pad('compiled/s', 14)}${pad('hand/s', 14)}${pad('c/jl ≥50', 14)}${pad('c/hand ≥0.5', 14)}${pad('matches', 8)}`);
  for (const row of rows) console.log(row);
  console.log(`targets ${mode}: ${allPass ? 'all PASS' : 'some FAIL'}`);
}

printCostFloor(dataset, referenceSpeed, sink);

// 1,000,000 profiles × 20 rules: the 10,000 profiles 100 times over, every rule on each.
const twenty = [...reportedRules.map((rule) => rule.logic), ...moreRules].map((logic) => compileLogic(logic) as Evaluate);
for (const evaluate of twenty) pass(evaluate, 'streaming');
const start = cpuMicros();
let matched = 0;
for (let round = 0; round < 1_000_000 / PROFILES; round++) {
  for (let i = 0; i < dataset.length; i++) {
    const data = dataset[i] as never;
    for (let r = 0; r < twenty.length; r++) if ((twenty[r] as Evaluate)(data)) matched++;
  }
}
const seconds = (cpuMicros() - start) / 1e6;
console.log(`\n1,000,000 profiles × ${twenty.length} rules, compiled, one thread: ${seconds.toFixed(2)} s of CPU (${format(20_000_000 / seconds)} evaluations/s; ${matched.toLocaleString('en-US')} matches)`);
console.log(`(checksum ${sink.total}; load average at the end ${load()})`);
