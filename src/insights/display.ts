/*
 * Display forms of profile values. Comparison keys come from src/identity/normalize.ts, shared with
 * identity resolution so that "the same email" means the same thing everywhere; these only decide
 * how a surviving value is shown.
 */

function nonBlank(raw: string | undefined | null): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A name part as shown: NFC, trimmed, inner whitespace collapsed to one space; case kept. */
export function displayName(raw: string | undefined | null): string | undefined {
  return nonBlank(raw)?.normalize('NFC').replace(/\s+/g, ' ');
}

/** "First Last" as shown, only when both parts are present. */
export function displayFullName(
  firstName: string | undefined | null,
  lastName: string | undefined | null,
): string | undefined {
  const first = displayName(firstName);
  const last = displayName(lastName);
  return first === undefined || last === undefined ? undefined : `${first} ${last}`;
}

/** ISO 3166 alpha-2 code, trimmed and upper-cased. */
export function displayCountry(raw: string | undefined | null): string | undefined {
  return nonBlank(raw)?.toUpperCase();
}

/** Any other free-text value (birth date), trimmed. */
export function displayText(raw: string | undefined | null): string | undefined {
  return nonBlank(raw);
}
