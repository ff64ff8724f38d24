import { describe, expect, it } from 'vitest';
import { Prng } from '../../../infra/local/simulate/prng.js';

const draws = (seed: number, count = 20) => {
  const rng = new Prng(seed);
  return Array.from({ length: count }, () => rng.next());
};

describe('Prng', () => {
  it('draws the same numbers from the same seed', () => {
    expect(draws(7)).toEqual(draws(7));
  });

  it('draws other numbers from another seed', () => {
    expect(draws(8)).not.toEqual(draws(7));
  });

  it('draws uniformly in [0, 1)', () => {
    // Arrange
    const values = draws(7, 10_000);
    // Act
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    // Assert
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(mean).toBeCloseTo(0.5, 1);
  });

  it('draws whole numbers from both ends of an inclusive range', () => {
    // Arrange
    const rng = new Prng(7);
    // Act
    const values = new Set(Array.from({ length: 1000 }, () => rng.int(-3, 3)));
    // Assert
    expect([...values].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });

  it('counts rare events around their mean', () => {
    // Arrange
    const rng = new Prng(7);
    // Act
    const counts = Array.from({ length: 10_000 }, () => rng.poisson(0.2));
    // Assert
    expect(counts.reduce((sum, count) => sum + count, 0) / counts.length).toBeCloseTo(0.2, 1);
    expect(counts.filter((count) => count === 0).length / counts.length).toBeCloseTo(Math.exp(-0.2), 1);
  });
});
