/**
 * An item's size as DynamoDB counts it against the 400 KB limit: attribute names and string
 * values in UTF-8 bytes, numbers by their significant digits (about one byte per two, plus
 * one), sets and lists by their elements, maps by their names and values, 3 bytes for each
 * list or map (AWS's "Item sizes and formats"; numbers are rounded up).
 */
export const dynamoItemBytes = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name, 'utf8') + valueBytes(value), 0);

const valueBytes = (value: unknown): number => {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number') return Math.ceil(String(Math.abs(value)).replace(/[.e+-]/g, '').replace(/^0+/, '').length / 2) + 1;
  if (value instanceof Set) return [...value].reduce((sum: number, element) => sum + valueBytes(element), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, element) => sum + valueBytes(element), 0);
  if (typeof value === 'object') return 3 + dynamoItemBytes(value as Record<string, unknown>);
  throw new Error(`no DynamoDB size for ${typeof value}`);
};
