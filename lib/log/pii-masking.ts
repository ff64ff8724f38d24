/**
 * Keeps personal data out of logs: values under personal keys are hidden, and e-mail
 * addresses and phone numbers are masked wherever they appear in a string.
 */

const PERSONAL_KEYS = new Set(
  ['email', 'phone', 'phonenumber', 'mobile', 'cellphone', 'name', 'firstname', 'lastname', 'fullname', 'address', 'address1', 'address2', 'zip', 'birthday', 'ip', 'sourceip', 'recipient'].map(
    (key) => key.toLowerCase(),
  ),
);

const EMAIL = /[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
/** International numbers written with "+", Korean mobiles (010…) and dashed Korean landlines. */
const PHONE = /\+\d[\d\s-]{7,16}\d|\b01[016789][-\s]?\d{3,4}[-\s]?\d{4}\b|\b0\d{1,2}-\d{3,4}-\d{4}\b/g;

const normaliseKey = (key: string) => key.toLowerCase().replace(/[_-]/g, '');

export const maskPiiText = (text: string): string => text.replace(EMAIL, '***@$1').replace(PHONE, '***');

/** A JSON.stringify replacer. */
export const maskPii = (key: string, value: unknown): unknown => {
  if (key !== '' && PERSONAL_KEYS.has(normaliseKey(key)) && (typeof value === 'string' || typeof value === 'number')) return '***';
  return typeof value === 'string' ? maskPiiText(value) : value;
};
