import type { Faker } from '@faker-js/faker';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js';
import examples from 'libphonenumber-js/mobile/examples';
// The "max" metadata checks number ranges, not only lengths, so a generated number is a real one.
import { getExampleNumber, parsePhoneNumberWithError } from 'libphonenumber-js/max';

/**
 * Mobile numbers that libphonenumber-js considers valid for their country: the country's example
 * mobile number with all but its first three national digits redrawn until the result is valid.
 */
export function randomMobile(faker: Faker, country: CountryCode): PhoneNumber {
  const example = getExampleNumber(country, examples);
  if (!example) throw new Error(`libphonenumber-js has no example mobile number for ${country}`);
  const national = example.nationalNumber;
  for (let attempt = 0; attempt < 50; attempt++) {
    const digits = national.slice(0, 3) + faker.string.numeric({ length: national.length - 3, allowLeadingZeros: true });
    const phone = parsePhoneNumberWithError(digits, country);
    if (phone.isValid()) return phone;
  }
  throw new Error(`could not draw a valid ${country} mobile number from the example ${national}`);
}

/**
 * The ways real systems hold one number: E.164, international with spaces, the national format
 * (spaces, brackets, trunk 0), national digits run together, and without the trunk 0.
 */
export type PhoneStyle = 'e164' | 'international' | 'national' | 'compact' | 'noTrunk';

const STYLE_WEIGHTS: { weight: number; value: PhoneStyle }[] = [
  { weight: 30, value: 'e164' },
  { weight: 15, value: 'international' },
  { weight: 30, value: 'national' },
  { weight: 15, value: 'compact' },
  { weight: 10, value: 'noTrunk' },
];

export function randomPhoneStyle(faker: Faker): PhoneStyle {
  return faker.helpers.weightedArrayElement(STYLE_WEIGHTS);
}

export function formatPhone(phone: PhoneNumber, style: PhoneStyle): string {
  switch (style) {
    case 'e164':
      return phone.number;
    case 'international':
      return phone.formatInternational();
    case 'national':
      return phone.formatNational();
    case 'compact':
      return phone.formatNational().replace(/[^\d]/g, '');
    case 'noTrunk':
      return phone.nationalNumber;
  }
}
