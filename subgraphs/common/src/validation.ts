import { badUserInput } from './errors';

/**
 * Longest identifier a lookup accepts: an email address may have 64 + 1 + 255 characters
 * (RFC 3696 erratum), and no other identifier Omnidex knows is longer.
 */
export const MAX_IDENTIFIER_LENGTH = 320;

// Tabs, newlines, NUL and friends never belong in an identifier; they only hide what was sent.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * A caller's free-text identifier, trimmed, or a BAD_USER_INPUT error naming `name` when it is
 * blank, longer than MAX_IDENTIFIER_LENGTH or holds control characters. The value is only ever
 * compared as a string, so it can never act as a MongoDB operator; this bounds what it can cost.
 */
export function requireIdentifierText(value: string, name: string, argumentName = name): string {
  const text = value.trim();
  if (text === '') throw badUserInput(`${name} must not be blank`, argumentName);
  if (text.length > MAX_IDENTIFIER_LENGTH) {
    throw badUserInput(`${name} is ${text.length} characters long; at most ${MAX_IDENTIFIER_LENGTH} are accepted`, argumentName);
  }
  if (CONTROL_CHARACTER.test(text)) throw badUserInput(`${name} must not contain control characters`, argumentName);
  return text;
}
