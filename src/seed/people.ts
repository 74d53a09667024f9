import { Faker, base, de, en, en_GB, en_US, fr, nl, type LocaleDefinition } from '@faker-js/faker';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js';
import { randomMobile } from './phones';
import { DAY, type SeedRun } from './seed-run';

interface CountryProfile {
  code: CountryCode;
  weight: number;
  locale: LocaleDefinition[];
  currency: string;
  providers: string[];
}

const COUNTRIES: CountryProfile[] = [
  { code: 'GB', weight: 35, locale: [en_GB, en, base], currency: 'GBP', providers: ['gmail.com', 'btinternet.com', 'outlook.com', 'yahoo.co.uk'] },
  { code: 'US', weight: 20, locale: [en_US, en, base], currency: 'USD', providers: ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com'] },
  { code: 'DE', weight: 20, locale: [de, en, base], currency: 'EUR', providers: ['gmail.com', 'web.de', 'gmx.de', 't-online.de'] },
  { code: 'FR', weight: 15, locale: [fr, en, base], currency: 'EUR', providers: ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net'] },
  { code: 'NL', weight: 10, locale: [nl, en, base], currency: 'EUR', providers: ['gmail.com', 'ziggo.nl', 'kpnmail.nl', 'outlook.com'] },
];

type ChannelMix = { crm: boolean; web: boolean; pos: boolean };
const CHANNEL_MIX: { weight: number; value: ChannelMix }[] = [
  { weight: 25, value: { crm: true, web: true, pos: true } },
  { weight: 12, value: { crm: true, web: true, pos: false } },
  { weight: 10, value: { crm: true, web: false, pos: true } },
  { weight: 8, value: { crm: false, web: true, pos: true } },
  { weight: 22, value: { crm: false, web: true, pos: false } },
  { weight: 15, value: { crm: false, web: false, pos: true } },
  { weight: 8, value: { crm: true, web: false, pos: false } },
];

export interface Person {
  personId: string;
  country: CountryProfile;
  firstName: string;
  lastName: string;
  birthDate: string;
  email: string;
  phone: PhoneNumber;
  postalCode: string;
  previousPostalCode?: string;
  city: string;
  channels: ChannelMix;
  /** When this person first appears in any system. */
  since: number;
}

interface Household {
  lastName: string;
  /** The first person's first name and birth date, which the second must not share. */
  firstName: string;
  birthDate: string;
  email: string;
  postalCode: string;
  city: string;
  country: CountryProfile;
}

/**
 * Draws the true people one at a time, no two with the same email or phone number; the second
 * person of a household is the one drawn right after the first.
 */
export class PeopleGenerator {
  private readonly namesByCountry = new Map<CountryCode, Faker>();
  private readonly usedEmails = new Set<string>();
  private readonly usedPhones = new Set<string>();
  private pendingHousehold: Household | undefined;

  constructor(
    private readonly run: SeedRun,
    seed: number,
    private readonly customers: number,
  ) {
    COUNTRIES.forEach((country, i) => {
      const names = new Faker({ locale: country.locale });
      names.seed(seed * 31 + i + 1);
      this.namesByCountry.set(country.code, names);
    });
  }

  private birthDate(): string {
    const birthYear = new Date(this.run.until).getUTCFullYear() - this.run.int(18, 85);
    return new Date(Date.UTC(birthYear, 0, 1) + this.run.int(0, 364) * DAY).toISOString().slice(0, 10);
  }

  next(index: number): Person {
    const household = this.pendingHousehold;
    this.pendingHousehold = undefined;
    const country = household?.country ?? this.run.rng.helpers.weightedArrayElement(COUNTRIES.map((c) => ({ weight: c.weight, value: c })));
    const names = this.namesByCountry.get(country.code)!;
    let firstName = names.person.firstName();
    while (firstName === household?.firstName) firstName = names.person.firstName();
    const lastName = household?.lastName ?? names.person.lastName();
    let birthDate = this.birthDate();
    while (birthDate === household?.birthDate) birthDate = this.birthDate();

    let email = household?.email;
    if (!email) {
      const provider = this.run.rng.helpers.arrayElement(country.providers);
      email = names.internet.email({ firstName, lastName, provider }).toLowerCase();
      const [local, domain] = email.split('@') as [string, string];
      while (this.usedEmails.has(email)) email = `${local}${this.run.int(1, 9999)}@${domain}`;
    }
    this.usedEmails.add(email);

    let phone = randomMobile(this.run.rng, country.code);
    while (this.usedPhones.has(phone.number)) phone = randomMobile(this.run.rng, country.code);
    this.usedPhones.add(phone.number);

    const channels: ChannelMix = household
      ? { crm: true, web: this.run.chance(0.5), pos: this.run.chance(0.5) }
      : this.run.rng.helpers.weightedArrayElement(CHANNEL_MIX);
    const person: Person = {
      personId: `P${String(index + 1).padStart(7, '0')}`,
      country,
      firstName,
      lastName,
      birthDate,
      email,
      phone,
      postalCode: household?.postalCode ?? names.location.zipCode(),
      city: household?.city ?? names.location.city(),
      channels,
      since: this.run.between(this.run.start, this.run.until - 30 * DAY),
    };
    if (this.run.chance(0.1)) person.previousPostalCode = names.location.zipCode();
    // A household: the next person shares the family email, the surname and the address, with a
    // different first name and birth date (identity resolution must not merge them).
    if (!household && this.run.chance(0.03) && index + 1 < this.customers) {
      const familyEmail = `${person.lastName}.family${this.run.int(1, 99)}@${this.run.rng.helpers.arrayElement(country.providers)}`
        .toLowerCase()
        .replace(/[^a-z0-9.@-]/g, '');
      if (!this.usedEmails.has(familyEmail)) {
        this.usedEmails.add(familyEmail);
        person.email = familyEmail;
        person.channels = { ...person.channels, crm: true };
        this.pendingHousehold = { lastName, firstName, birthDate, email: familyEmail, postalCode: person.postalCode, city: person.city, country };
      }
    }
    return person;
  }
}
