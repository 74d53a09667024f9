/**
 * Blanks contact details out of free text bound for a log or the audit trail: a driver error
 * quoting a duplicate key, an admin's reason pasted from a customer's e-mail. Log lines should
 * carry ids, never emails or phone numbers.
 */

// Address characters only, so a path (`node_modules/@apollo/server`) is not taken for one.
const EMAIL_LIKE = /[\p{L}\p{N}.!#$%&'*+=?^_`{|}~-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*/gu;
// Runs of digits with the separators people write phone numbers with.
const NUMBER_RUN = /\+?\d[\d ().-]{6,}\d/g;
/** Fewer digits than this is a count, a date or a version, not a phone number. */
const MIN_PHONE_DIGITS = 9;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

function phoneLike(run: string): boolean {
  const digits = run.replace(/\D/g, '').length;
  return digits >= MIN_PHONE_DIGITS && !ISO_DATE.test(run);
}

/** `text` with email addresses and phone-number-shaped digit runs replaced by a marker. */
export function redactContactDetails(text: string): string {
  return text
    // A domain without a letter is a version (`graphql-scalars@2.0.0`), not an address.
    .replace(EMAIL_LIKE, (match) => (/\p{L}/u.test(match.slice(match.indexOf('@') + 1)) ? '[email removed]' : match))
    .replace(NUMBER_RUN, (run) => (phoneLike(run) ? '[number removed]' : run));
}
