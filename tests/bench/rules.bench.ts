/**
 * Rules benchmark (`npm run bench:rules`): evaluations per second of json-logic-js `apply`
 * (CRM operators registered), of compileLogic's functions and of hand-written JavaScript,
 * for the same rules over the same 10,000 generated profiles, in one run. Prints ratios
 * against the targets (compiled ≥ 50× json-logic-js, ≥ 0.5× hand-written), then the time
 * for 1,000,000 profiles × 20 rules with compiled functions on this one thread.
 */
import os from 'node:os';
import jsonLogic from 'json-logic-js';
import { crmOperators } from '../../lib/rules/crm-operators.js';
import { toEpochMs } from '../../lib/rules/iso-instant.js';
import { registerCrmOperators } from '../../lib/rules/register-crm-operators.js';
import { compileLogic } from '../../lib/rules/json-logic.js';
import { moreRules, reportedRules } from './rules-bench-cases.js';
import { NOW, makeEvaluationData } from './rules-bench-profiles.js';

type Evaluate = (data: never) => unknown;

const PROFILES = 10_000;
const MEASURE_MS = 400;
const ROUNDS = 5;

registerCrmOperators(jsonLogic);
const dataset = makeEvaluationData(PROFILES) as never[];

/** Truthy results over the dataset; summed and printed, so no evaluation is dead code. */
function pass(evaluate: Evaluate): number {
  let matches = 0;
  for (let i = 0; i < dataset.length; i++) if (evaluate(dataset[i] as never)) matches++;
  return matches;
}

/**
 * Microseconds of CPU this process has used: the machine may be shared, and time spent
 * descheduled is not time spent evaluating.
 */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Evaluations per CPU second: whole passes until MEASURE_MS of CPU time has been used. */
function opsPerSecond(evaluate: Evaluate, sink: { total: number }): number {
  let passes = 0;
  const start = cpuMicros();
  let elapsed = 0;
  while (elapsed < MEASURE_MS * 1e3) {
    sink.total += pass(evaluate);
    passes++;
    elapsed = cpuMicros() - start;
  }
  return (passes * dataset.length) / (elapsed / 1e6);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const format = (n: number): string => Math.round(n).toLocaleString('en-US');
const pad = (text: string, width: number): string => text.padStart(width);

const load = (): string => os.loadavg().map((n) => n.toFixed(1)).join(' ');
console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, load ${load()}, ${PROFILES.toLocaleString('en-US')} profiles, median of ${ROUNDS} rounds × ${MEASURE_MS} ms of CPU time`);
const sink = { total: 0 };
const rows: string[] = [];
let allPass = true;
for (const rule of reportedRules) {
  const implementations: Record<string, Evaluate> = {
    'json-logic-js': (data) => jsonLogic.apply(rule.logic as never, data),
    compiled: compileLogic(rule.logic) as Evaluate,
    hand: rule.hand as Evaluate,
  };
  const matches = Object.values(implementations).map(pass);
  if (new Set(matches).size !== 1) throw new Error(`${rule.name}: implementations disagree (${matches.join(' / ')} matches)`);
  const samples: Record<string, number[]> = { 'json-logic-js': [], compiled: [], hand: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, evaluate] of Object.entries(implementations)) samples[name]?.push(opsPerSecond(evaluate, sink));
  }
  const [reference, compiled, hand] = ['json-logic-js', 'compiled', 'hand'].map((name) => median(samples[name] ?? []));
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
console.log(`\n${'rule'.padEnd(50)}${pad('jsonlogic/s', 13)}${pad('compiled/s', 14)}${pad('hand/s', 14)}${pad('c/jl ≥50', 14)}${pad('c/hand ≥0.5', 14)}${pad('matches', 8)}`);
for (const row of rows) console.log(row);
console.log(`\ntargets: ${allPass ? 'all PASS' : 'some FAIL'}`);

// json-logic-js calls the same CRM operator functions, so no compiler can make a rule that
// spends most of its time in one faster than that operator; these costs show the bound.
const profiles = dataset.map((data) => (data as { profile: Record<string, unknown> }).profile);
const operatorCost = (name: string, call: (profile: Record<string, unknown>) => unknown): void => {
  const evaluate = (data: never): unknown => call(data);
  const samples = Array.from({ length: ROUNDS }, () => {
    let passes = 0;
    const start = cpuMicros();
    while (cpuMicros() - start < (MEASURE_MS / 4) * 1e3) {
      for (const profile of profiles) if (evaluate(profile as never) === 0) sink.total++;
      passes++;
    }
    return ((cpuMicros() - start) * 1e3) / (passes * profiles.length);
  });
  console.log(`  ${name.padEnd(48)}${pad(median(samples).toFixed(0), 6)} ns per call`);
};
console.log('operator costs, shared by json-logic-js and compiled rules:');
const { days_since, visits_within } = crmOperators;
operatorCost('parse an ISO date (toEpochMs)', (profile) => toEpochMs(profile.signupAt));
operatorCost('days_since(profile.signupAt)', (profile) => days_since.evaluate(NOW, 'Asia/Seoul', profile.signupAt));
operatorCost('visits_within(365), counting every visit', (profile) => visits_within.evaluate(NOW, 'Asia/Seoul', profile.recentVisits, 365));

// 1,000,000 profiles × 20 rules: the 10,000 profiles 100 times over, every rule on each.
const twenty = [...reportedRules.map((rule) => rule.logic), ...moreRules].map((logic) => compileLogic(logic) as Evaluate);
for (const evaluate of twenty) pass(evaluate);
const start = cpuMicros();
let matched = 0;
for (let round = 0; round < 1_000_000 / PROFILES; round++) {
  for (let i = 0; i < dataset.length; i++) {
    const data = dataset[i] as never;
    for (let r = 0; r < twenty.length; r++) if ((twenty[r] as Evaluate)(data)) matched++;
  }
}
const seconds = (cpuMicros() - start) / 1e6;
console.log(`1,000,000 profiles × ${twenty.length} rules, compiled, one thread: ${seconds.toFixed(2)} s of CPU (${format((20_000_000) / seconds)} evaluations/s; ${matched.toLocaleString('en-US')} matches)`);
console.log(`(checksum ${sink.total}; load average at the end ${load()})`);
