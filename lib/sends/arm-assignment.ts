import { createHash } from 'node:crypto';
import { actionMessages, type Message, type SendAction } from './send-action.js';

/** The arm of the control group: recorded, never sent. */
export const HOLDOUT_ARM = 'holdout';

export type ArmAssignment = { holdout: true; arm: typeof HOLDOUT_ARM } | { holdout: false; arm: string; message: Message };

/** A number in [0, 1) fixed by its inputs: the same customer lands in the same arm on every run and machine. */
export const unitHash = (...parts: string[]): number => createHash('sha256').update(parts.join('\n')).digest().readUIntBE(0, 6) / 2 ** 48;

/**
 * Holdout first, then a variant by weight — each from its own hash of rule and customer, so
 * the holdout share does not shift which variant the others get, and a new rule version
 * keeps everyone's arm.
 */
export const assignArm = (ruleId: string, customerId: string, action: Pick<SendAction, 'holdout' | 'message' | 'variants'>): ArmAssignment => {
  if (unitHash('holdout', ruleId, customerId) < action.holdout) return { holdout: true, arm: HOLDOUT_ARM };
  const candidates = actionMessages(action);
  const total = candidates.reduce((sum, candidate) => sum + candidate.weight, 0);
  let point = unitHash('variant', ruleId, customerId) * total;
  for (const candidate of candidates) {
    point -= candidate.weight;
    if (point < 0) return { holdout: false, arm: candidate.arm, message: candidate.message };
  }
  const last = candidates[candidates.length - 1]!; // rounding at the very top of the range
  return { holdout: false, arm: last.arm, message: last.message };
};
