import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runSimulation, type SimulationOptions, type SimulationResult } from '../../../infra/local/simulate/run-simulation.js';

const OPTIONS: SimulationOptions = { customers: 60, days: 21, seed: 7, start: '2026-03-02', tick: 60 };

let first: SimulationResult;
let again: SimulationResult;
beforeAll(async () => {
  const endpoints = { dynamodbEndpoint: inject('dynamodbEndpoint'), sqsEndpoint: inject('sqsEndpoint') };
  // One after the other (each on its own table and queues), not to starve the other tests of the shared servers.
  first = await runSimulation(OPTIONS, endpoints);
  again = await runSimulation(OPTIONS, endpoints);
}, 600_000);

const total = (ruleId: string) => first.tally.total(ruleId);
const replayed = (name: string) => Number(new RegExp(`${name} (\\d+)`).exec(first.report.find((line) => line.startsWith('replayed:'))!)![1]);

describe('simulate, 60 customers over 21 days, with the rule library and the runtime send gate', () => {
  it('reports the same, line for line, from the same seed', () => {
    expect(again.report).toEqual(first.report);
  });

  it('reports every trigger and scheduled rule of the library, each with its total', () => {
    const ids = first.rules.map((rule) => rule.id);
    expect(ids).toEqual(expect.arrayContaining(['welcome-coupon', 'cart-abandonment', 'purchase-cycle', 'first-order-feedback', 'win-back', 'dormancy', 'vip-tagging', 'ad-landing']));
    expect(first.report.filter((line) => line.startsWith('  total')).length).toBe(ids.length);
  });

  it('welcomes every customer who signs up during the simulation, once', () => {
    const signups = replayed('Signed Up');
    expect(signups).toBeGreaterThan(0);
    expect(total('welcome-coupon')).toMatchObject({ matched: signups, sent: signups, tagged: signups });
  });

  it('reminds of some left carts, once per cart, and orders cancel the waits of others', () => {
    const cart = total('cart-abandonment');
    expect(cart.matched).toBeGreaterThan(0);
    expect(cart.sent).toBeGreaterThan(0);
    expect(cart.cancelled).toBeGreaterThan(0);
    // Each generated cart gets one line: a duplicate would be a new cart taken for an old one.
    expect(cart.deduplicated).toBe(0);
  });

  it('runs the date-anchored rules on their days', () => {
    expect(total('purchase-cycle').matched).toBeGreaterThan(0);
    expect(total('first-order-feedback').sent).toBeGreaterThan(0);
  });

  it('keeps ads from customers without ad consent', () => {
    expect(total('purchase-cycle').blocked + total('cart-abandonment').blocked).toBeGreaterThan(0);
  });

  it('gives each matched send one gate decision, and a deferred one at most one more', () => {
    for (const rule of first.rules.filter((candidate) => candidate.actions.some((action) => action.type === 'send'))) {
      const { matched, sent, deferred, deduplicated, holdout, blocked } = total(rule.id);
      const decisions = sent + deferred + deduplicated + holdout + blocked;
      expect(decisions, rule.id).toBeGreaterThanOrEqual(matched);
      expect(decisions, rule.id).toBeLessThanOrEqual(matched + deferred);
    }
  });
});
