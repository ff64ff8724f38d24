import { describe, expect, it } from 'vitest';
import { assignArm } from '../../../lib/sends/arm-assignment.js';
import { adAction } from '../../support/sends.js';

const action = adAction({
  message: undefined,
  variants: [
    { id: 'a', weight: 3, message: { text: 'A' } },
    { id: 'b', weight: 1, message: { text: 'B' } },
  ],
  holdout: 0.2,
});
const customers = Array.from({ length: 20_000 }, (_, index) => `customer-${index}`);
const arms = customers.map((customer) => assignArm('spring-sale', customer, action).arm);
const share = (arm: string) => arms.filter((assigned) => assigned === arm).length / arms.length;

describe('arm assignment', () => {
  it('gives a customer the same arm every time', () => {
    // Arrange + Act
    const arms = Array.from({ length: 5 }, () => assignArm('spring-sale', 'kim-1', action).arm);
    // Assert
    expect(new Set(arms).size).toBe(1);
  });

  it('keeps the holdout share', () => {
    // Arrange + Act + Assert (hashes are fixed: the figure is the same on every run)
    expect(share('holdout')).toBeCloseTo(0.2, 1);
  });

  it('splits the others by variant weight', () => {
    // Arrange + Act + Assert
    expect(share('a') / (share('a') + share('b'))).toBeCloseTo(0.75, 1);
  });

  it('assigns independently per rule', () => {
    // Arrange + Act
    const differ = customers.slice(0, 500).filter((customer) => assignArm('spring-sale', customer, action).arm !== assignArm('cart-reminder', customer, action).arm);
    // Assert
    expect(differ.length).toBeGreaterThan(100);
  });

  it('puts nobody in the holdout when it is zero', () => {
    // Arrange
    const noHoldout = { ...action, holdout: 0 };
    // Act
    const holdouts = customers.slice(0, 2000).filter((customer) => assignArm('spring-sale', customer, noHoldout).holdout);
    // Assert
    expect(holdouts).toEqual([]);
  });
});
