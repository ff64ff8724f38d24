import { InvalidArgumentError } from 'commander';

/** Parses an option value that must be a whole number of at least 1 (`--limit 100`). */
export const positiveInteger = (value: string): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return number;
};
