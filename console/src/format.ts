/** How the console writes times, numbers and the API's enum values. */

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => date.format(new Date(iso));

/** A 0–100 score with one decimal; "–" (said "not measured") when null. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '–' : score.toFixed(1);
}

export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export const CHANNEL_NAMES: Record<string, string> = { CRM: 'CRM', WEB: 'Web shop', POS: 'Stores' };
export const BAND_NAMES: Record<string, string> = { EXEMPLARY: 'Exemplary', MODERATE: 'Moderate', POOR: 'Poor' };
export const FIELD_NAMES: Record<string, string> = { NAME: 'Name', EMAIL: 'Email', PHONE: 'Phone', POSTAL_CODE: 'Postcode', LOYALTY_ID: 'Loyalty id' };

/** "3 cases", "1 case". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}
