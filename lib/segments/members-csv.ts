import { MEMBER_FIELDS, type SegmentMember } from './segment-member.js';

/** Excel reads a file as UTF-8 (Korean names intact) only when it starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * Excel runs a cell that starts with one of these as a formula, and a customer could have
 * put one in their name: such text gets a leading apostrophe, so it stays text (OWASP's
 * advice against CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, quotes doubled. */
const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

const cell = (value: SegmentMember[keyof SegmentMember]): string => {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = Array.isArray(value) ? value.join(';') : value;
  return field(FORMULA_START.test(text) ? `'${text}` : text);
};

/** The header line of an export (CRLF-terminated, as RFC 4180 has it). */
export const csvHeader = (): string => `${MEMBER_FIELDS.join(',')}\r\n`;

/** One CRLF-terminated line per member, columns in MEMBER_FIELDS order; tags joined with ";". */
export const csvRows = (members: readonly SegmentMember[]): string =>
  members.map((member) => `${MEMBER_FIELDS.map((name) => cell(member[name])).join(',')}\r\n`).join('');
