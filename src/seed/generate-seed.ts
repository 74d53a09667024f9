/**
 * The demo data set: export files in the import contract's layout, as the CRM, the web shop and the
 * stores' POS of a mid-sized European/US retailer would produce them, with the noise real systems
 * have, plus `ground-truth.jsonl` saying which true person every contact, visitor, member and
 * transaction belongs to (identity resolution is scored against it).
 *
 * Rates (per customer unless stated):
 *
 * | what                                   | rate                                                  |
 * |----------------------------------------|-------------------------------------------------------|
 * | country                                | GB 35%, US 20%, DE 20%, FR 15%, NL 10%                |
 * | channels                               | all three 25%, crm+web 12%, crm+pos 10%, web+pos 8%,  |
 * |                                        | web only 22%, pos only 15%, crm only 8%               |
 * | CRM duplicate contacts (of CRM people) | 15% have 2 contacts, 3% have 3                        |
 * | households sharing a family email      | 3% of customers start one (two people, both in CRM)   |
 * | moved house (stale postal code)        | 10% of people; their oldest CRM/POS profile record    |
 * |                                        | keeps the old postal code when they have 2+ records   |
 * | CRM cases per CRM person               | 0: 40%, 1: 30%, 2: 15%, 3: 10%, 4: 5%                 |
 * | case rated (CSAT), when not open       | 65%; opened in the last 10 days: 60% still open       |
 * | web devices (visitorIds) per person    | 1: 62%, 2: 30%, 3: 8%                                 |
 * | web person who never identifies        | 35%; of the others: signup 55%, guest order 30%,      |
 * |                                        | newsletter 15%, in a later session when possible      |
 * | web session with add_to_cart / order   | 30% / 35% of those with a cart (identified only)      |
 * | POS loyalty member (of POS people)     | 70%; their CRM contact carries the loyaltyId 70%      |
 * | POS sale: member scans card            | 85%; otherwise payment card token 65%, cash 35%       |
 * | receipt email on a transaction         | 15%                                                   |
 * | sale later returned (partly)           | 7%                                                    |
 * | email written with odd case / spaces   | 12% / 4% of written emails                            |
 * | phone format                           | E.164 30%, international 15%, national 30%,           |
 * |                                        | national digits only 15%, without trunk 0 10%         |
 */
import { Faker, base, de, en, en_GB, en_US, fr, nl, type LocaleDefinition } from '@faker-js/faker';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js';
import path from 'node:path';
import { CSV_COLUMNS } from '../contract/schemas';
import { EvidenceCollector, nameEvidence } from './evidence';
import { formatPhone, randomMobile, randomPhoneStyle } from './phones';
import { BufferedFileWriter, csvLine } from './writer';

export interface SeedOptions {
  /** How many true people to generate. */
  customers: number;
  /** Seed of the random generator: the same options always give the same bytes. */
  seed: number;
  /** The latest time in the data; the history spans about two years before it. */
  until: Date;
  outDir: string;
}

export interface SeedSummary {
  outDir: string;
  customers: number;
  seed: number;
  until: Date;
  counts: {
    contacts: number;
    cases: number;
    events: number;
    sessions: number;
    visitors: number;
    members: number;
    transactions: number;
    transactionLines: number;
    groundTruth: number;
  };
  durationMs: number;
}

export type GroundTruthKind = 'contact' | 'visitor' | 'member' | 'transaction';
export interface GroundTruthRecord {
  source: 'crm' | 'web' | 'pos';
  kind: GroundTruthKind;
  id: string;
  personId: string;
  /**
   * The chain of evidence the record belongs to (`<personId>/<n>`): records of one group are
   * connected by values in the data that no other person holds. See `./evidence.ts`.
   */
  evidenceGroup: string;
  /** Whether the data connects the record to any other record of its person at all. */
  linkable: boolean;
}

const DAY = 86_400_000;
const HISTORY_DAYS = 730;

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

const CASE_SUBJECTS = [
  'Where is my order?',
  'Return request',
  'Loyalty points missing',
  'Item arrived damaged',
  'Change delivery address',
  'Size exchange',
  'Refund not received',
  'Question about a product',
  'Unsubscribe from emails',
];

interface Product {
  sku: string;
  slug: string;
  price: number;
}

interface Person {
  personId: string;
  country: CountryProfile;
  names: Faker;
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

/** Stateful generator; `generateSeed` is its public face. */
class SeedGenerator {
  private readonly rng: Faker;
  private readonly namesByCountry = new Map<CountryCode, Faker>();
  private readonly until: number;
  private readonly start: number;
  private readonly products: Product[];
  private readonly usedEmails = new Set<string>();
  private readonly usedPhones = new Set<string>();
  private readonly usedIds = new Set<string>();
  private pendingHousehold: Household | undefined;
  /** Ground truth is written at the end: a record's evidence group needs every record's evidence. */
  private readonly truthRows: Omit<GroundTruthRecord, 'evidenceGroup' | 'linkable'>[] = [];
  private readonly evidence = new EvidenceCollector();
  private counters = { case: 0, session: 0, event: 0, transaction: 0, order: 0 };
  readonly counts = {
    contacts: 0,
    cases: 0,
    events: 0,
    sessions: 0,
    visitors: 0,
    members: 0,
    transactions: 0,
    transactionLines: 0,
    groundTruth: 0,
  };

  constructor(
    private readonly options: SeedOptions,
    private readonly out: Record<'contacts' | 'cases' | 'events' | 'members' | 'transactions' | 'truth', BufferedFileWriter>,
  ) {
    this.rng = new Faker({ locale: [en, base] });
    this.rng.seed(options.seed);
    COUNTRIES.forEach((country, i) => {
      const names = new Faker({ locale: country.locale });
      names.seed(options.seed * 31 + i + 1);
      this.namesByCountry.set(country.code, names);
    });
    this.until = options.until.getTime();
    this.start = this.until - HISTORY_DAYS * DAY;
    this.products = Array.from({ length: 400 }, (_, i) => {
      const slug = this.rng.helpers.slugify(this.rng.commerce.productName().toLowerCase());
      const price = this.rng.number.int({ min: 3, max: 180 }) + this.rng.helpers.arrayElement([0.99, 0.49, 0, 0.95]);
      return { sku: `SKU-${String(10000 + i * 7)}`, slug, price: Math.round(price * 100) / 100 };
    });
  }

  // ---- small random helpers --------------------------------------------------------------

  private chance(p: number): boolean {
    return this.rng.number.float() < p;
  }

  private int(min: number, max: number): number {
    return this.rng.number.int({ min, max });
  }

  private between(from: number, to: number): number {
    return to <= from ? from : this.rng.number.int({ min: from, max: to });
  }

  private uniqueId(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  /** Notes a record's true person and its evidence keys; returns its index for `addKeys`. */
  private truth(source: GroundTruthRecord['source'], kind: GroundTruthKind, id: string, person: Person, evidence: string[] = []): number {
    this.truthRows.push({ source, kind, id, personId: person.personId });
    return this.evidence.add(person.personId, evidence);
  }

  /** Writes `ground-truth.jsonl`, once every record is generated. */
  async writeGroundTruth(): Promise<void> {
    const groups = this.evidence.groups();
    for (let i = 0; i < this.truthRows.length; i++) {
      this.out.truth.line(JSON.stringify({ ...this.truthRows[i], ...groups[i] }));
      this.counts.groundTruth += 1;
      await this.out.truth.flushIfFull();
    }
  }

  /** Evidence keys of the identifiers a record carries; values are the person's own, whatever their written form. */
  private identifierEvidence(
    person: Person,
    written: { email?: unknown; phone?: unknown; loyaltyId?: unknown; cardToken?: unknown; receiptEmail?: unknown; userId?: unknown },
  ): string[] {
    const keys: string[] = [];
    if (written.email || written.receiptEmail) keys.push(`email:${person.email}`);
    if (written.phone) keys.push(`phone:${person.phone.number}`);
    if (written.loyaltyId) keys.push(`loyaltyId:${String(written.loyaltyId)}`);
    if (written.cardToken) keys.push(`cardToken:${String(written.cardToken)}`);
    if (written.userId) keys.push(`webUserId:${String(written.userId)}`);
    return keys;
  }

  /** An email as a system holds it: sometimes with odd capitals or stray spaces. */
  private writtenEmail(email: string): string {
    let written = email;
    if (this.chance(0.12)) {
      const [local = '', domain = ''] = email.split('@');
      written = this.rng.helpers.arrayElement([
        `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain}`,
        email.toUpperCase(),
        `${local}@${domain.toUpperCase()}`,
      ]);
    }
    if (this.chance(0.04)) written = this.chance(0.5) ? ` ${written}` : `${written} `;
    return written;
  }

  private writtenPhone(person: Person): string {
    return formatPhone(person.phone, randomPhoneStyle(this.rng));
  }

  private writtenPostalCode(code: string): string {
    if (!this.chance(0.1)) return code;
    return this.chance(0.5) ? code.toLowerCase() : code.replace(/\s+/g, '');
  }

  private iso(ms: number): string {
    return new Date(Math.min(ms, this.until)).toISOString();
  }

  /** POS tills write local-looking times without an offset (UTC by the contract), to the second. */
  private tillTime(ms: number): string {
    return new Date(Math.min(ms, this.until)).toISOString().slice(0, 19);
  }

  // ---- people ------------------------------------------------------------------------------

  private birthDate(): string {
    const birthYear = new Date(this.until).getUTCFullYear() - this.int(18, 85);
    return new Date(Date.UTC(birthYear, 0, 1) + this.int(0, 364) * DAY).toISOString().slice(0, 10);
  }

  private newPerson(index: number): Person {
    const household = this.pendingHousehold;
    this.pendingHousehold = undefined;
    const country = household?.country ?? this.rng.helpers.weightedArrayElement(COUNTRIES.map((c) => ({ weight: c.weight, value: c })));
    const names = this.namesByCountry.get(country.code)!;
    let firstName = names.person.firstName();
    while (firstName === household?.firstName) firstName = names.person.firstName();
    const lastName = household?.lastName ?? names.person.lastName();
    let birthDate = this.birthDate();
    while (birthDate === household?.birthDate) birthDate = this.birthDate();

    let email = household?.email;
    if (!email) {
      const provider = this.rng.helpers.arrayElement(country.providers);
      email = names.internet.email({ firstName, lastName, provider }).toLowerCase();
      const [local, domain] = email.split('@') as [string, string];
      while (this.usedEmails.has(email)) email = `${local}${this.int(1, 9999)}@${domain}`;
    }
    this.usedEmails.add(email);

    let phone = randomMobile(this.rng, country.code);
    while (this.usedPhones.has(phone.number)) phone = randomMobile(this.rng, country.code);
    this.usedPhones.add(phone.number);

    const channels: ChannelMix = household
      ? { crm: true, web: this.chance(0.5), pos: this.chance(0.5) }
      : this.rng.helpers.weightedArrayElement(CHANNEL_MIX);
    const person: Person = {
      personId: `P${String(index + 1).padStart(7, '0')}`,
      country,
      names,
      firstName,
      lastName,
      birthDate,
      email,
      phone,
      postalCode: household?.postalCode ?? names.location.zipCode(),
      city: household?.city ?? names.location.city(),
      channels,
      since: this.between(this.start, this.until - 30 * DAY),
    };
    if (this.chance(0.1)) person.previousPostalCode = names.location.zipCode();
    // A household: the next person shares the family email, the surname and the address, with a
    // different first name and birth date (identity resolution must not merge them).
    if (!household && this.chance(0.03) && index + 1 < this.options.customers) {
      const familyEmail = `${person.lastName}.family${this.int(1, 99)}@${this.rng.helpers.arrayElement(country.providers)}`
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

  // ---- CRM ---------------------------------------------------------------------------------

  /** Writes the person's contacts and cases; returns when the oldest contact was last updated. */
  private crm(person: Person, loyaltyId: string | undefined, memberUpdatedAt: number | undefined): number {
    const copies = this.rng.helpers.weightedArrayElement([
      { weight: 82, value: 1 },
      { weight: 15, value: 2 },
      { weight: 3, value: 3 },
    ]);
    const contacts: { contactId: string; createdAt: number; updatedAt: number }[] = [];
    for (let i = 0; i < copies; i++) {
      const createdAt = this.between(person.since, this.until - DAY);
      contacts.push({
        contactId: this.uniqueId(() => `C${this.rng.string.numeric({ length: 9, allowLeadingZeros: true })}`),
        createdAt,
        updatedAt: this.between(createdAt, this.until),
      });
    }
    contacts.sort((a, b) => a.updatedAt - b.updatedAt);
    // A mover's oldest profile record (contact or POS member) still has the old postal code.
    const oldest = contacts[0]!;
    const staleContact =
      person.previousPostalCode !== undefined &&
      (contacts.length > 1 || (memberUpdatedAt !== undefined && memberUpdatedAt > oldest.updatedAt));

    contacts.forEach((contact, i) => {
      const latest = i === contacts.length - 1;
      const missing = latest ? undefined : this.rng.helpers.arrayElement(['phone', 'postalCode', 'birthDate', 'email', undefined]);
      const doc: Record<string, unknown> = { contactId: contact.contactId };
      doc.firstName = person.firstName;
      doc.lastName = person.lastName;
      if (missing !== 'email') doc.email = this.writtenEmail(person.email);
      if (missing !== 'phone' && this.chance(0.85)) doc.phone = this.writtenPhone(person);
      if (missing !== 'postalCode') {
        doc.postalCode = this.writtenPostalCode(i === 0 && staleContact ? person.previousPostalCode! : person.postalCode);
      }
      doc.country = this.chance(0.05) ? person.country.code.toLowerCase() : person.country.code;
      if (missing !== 'birthDate' && this.chance(0.7)) doc.birthDate = person.birthDate;
      if (loyaltyId && latest) doc.loyaltyId = loyaltyId;
      doc.emailOptIn = this.chance(0.55);
      doc.smsOptIn = this.chance(0.25);
      doc.createdAt = this.iso(contact.createdAt);
      doc.updatedAt = this.iso(contact.updatedAt);
      // CRM exports carry fields outside the contract; the importer keeps them under `extra`.
      doc.city = person.city;
      this.out.contacts.line(JSON.stringify(doc));
      this.counts.contacts += 1;
      this.truth('crm', 'contact', contact.contactId, person, [
        ...this.identifierEvidence(person, doc),
        ...nameEvidence(doc as { firstName?: string; lastName?: string; birthDate?: string; postalCode?: string }),
      ]);
    });

    const cases = this.rng.helpers.weightedArrayElement([
      { weight: 40, value: 0 },
      { weight: 30, value: 1 },
      { weight: 15, value: 2 },
      { weight: 10, value: 3 },
      { weight: 5, value: 4 },
    ]);
    for (let i = 0; i < cases; i++) {
      const contact = this.chance(0.8) ? contacts[contacts.length - 1]! : this.rng.helpers.arrayElement(contacts);
      this.crmCase(contact.contactId, contact.createdAt);
    }
    return oldest.updatedAt;
  }

  private crmCase(contactId: string, notBefore: number): void {
    this.counters.case += 1;
    const caseId = `CASE-${String(this.counters.case).padStart(8, '0')}`;
    const channel = this.rng.helpers.weightedArrayElement([
      { weight: 35, value: 'email' as const },
      { weight: 30, value: 'chat' as const },
      { weight: 25, value: 'phone' as const },
      { weight: 10, value: 'store' as const },
    ]);
    const subject = this.rng.helpers.arrayElement(CASE_SUBJECTS);
    const openedAt = this.between(notBefore, this.until - 3_600_000);
    const recent = this.until - openedAt < 10 * DAY;
    const open = recent ? this.chance(0.6) : this.chance(0.02);
    const doc: Record<string, unknown> = { caseId, contactId, channel, subject };
    let closedAt: number | undefined;
    if (open) {
      doc.status = 'open';
    } else {
      doc.status = this.chance(0.7) ? 'closed' : 'resolved';
      closedAt = Math.min(this.until, openedAt + this.int(1, 72 * 6) * 600_000);
    }
    doc.openedAt = this.iso(openedAt);
    if (closedAt !== undefined) doc.closedAt = this.iso(closedAt);
    if (!open && this.chance(0.65)) {
      doc.csat = this.rng.helpers.weightedArrayElement([
        { weight: 10, value: 1 },
        { weight: 10, value: 2 },
        { weight: 15, value: 3 },
        { weight: 30, value: 4 },
        { weight: 35, value: 5 },
      ]);
    }
    if (channel === 'chat' || channel === 'email' || (channel === 'phone' && this.chance(0.5))) {
      const messages = this.int(2, 6);
      const transcript: { at: string; from: 'customer' | 'agent'; text: string }[] = [];
      let at = openedAt;
      for (let m = 0; m < messages; m++) {
        const from = m % 2 === 0 ? 'customer' : 'agent';
        transcript.push({
          at: this.iso(at),
          from,
          text: from === 'customer' && m === 0 ? `${subject} ${this.rng.lorem.sentence()}` : this.rng.lorem.sentence(),
        });
        at += this.int(1, 240) * 60_000;
        if (at > this.until) break;
      }
      doc.transcript = transcript;
    }
    this.out.cases.line(JSON.stringify(doc));
    this.counts.cases += 1;
  }

  // ---- web ---------------------------------------------------------------------------------

  private web(person: Person): void {
    const deviceCount = this.rng.helpers.weightedArrayElement([
      { weight: 62, value: 1 },
      { weight: 30, value: 2 },
      { weight: 8, value: 3 },
    ]);
    const deviceTypes = this.rng.helpers.shuffle(['desktop', 'mobile', 'tablet'] as const);
    const visitors = Array.from({ length: deviceCount }, (_, i) => ({
      visitorId: this.rng.string.uuid(),
      device: deviceTypes[i % deviceTypes.length]!,
      loggedIn: false,
      evidence: -1,
    }));
    for (const visitor of visitors) visitor.evidence = this.truth('web', 'visitor', visitor.visitorId, person);
    this.counts.visitors += visitors.length;

    const sessionTimes = Array.from({ length: this.int(1, 9) + deviceCount - 1 }, () =>
      this.between(person.since, this.until - 3_600_000),
    ).sort((a, b) => a - b);
    const identifies = this.chance(0.65);
    const how = this.rng.helpers.weightedArrayElement([
      { weight: 55, value: 'signup' as const },
      { weight: 30, value: 'order' as const },
      { weight: 15, value: 'newsletter' as const },
    ]);
    // Identify in a later session when there is one, so the earlier ones are anonymous.
    const identifyAt = identifies ? (sessionTimes.length > 1 ? this.int(1, sessionTimes.length - 1) : 0) : -1;
    const userId = identifies && how === 'signup' ? this.uniqueId(() => `u${this.rng.string.alphanumeric({ length: 10, casing: 'lower' })}`) : undefined;

    sessionTimes.forEach((startAt, index) => {
      // Every device gets at least one session; after that, sessions land on any device.
      const visitor = index < visitors.length ? visitors[index]! : this.rng.helpers.arrayElement(visitors);
      const identified = identifyAt >= 0 && index >= identifyAt;
      const mode: 'anonymous' | 'identify' | 'known' =
        index === identifyAt ? 'identify' : identified && userId && (visitor.loggedIn || this.chance(0.6)) ? 'known' : 'anonymous';
      this.session(person, visitor, startAt, mode, how, userId, identified);
    });
  }

  private session(
    person: Person,
    visitor: { visitorId: string; device: 'desktop' | 'mobile' | 'tablet'; loggedIn: boolean; evidence: number },
    startAt: number,
    mode: 'anonymous' | 'identify' | 'known',
    how: 'signup' | 'order' | 'newsletter',
    userId: string | undefined,
    identified: boolean,
  ): void {
    this.counters.session += 1;
    this.counts.sessions += 1;
    const sessionId = `s${this.counters.session.toString(36).padStart(8, '0')}`;
    let at = startAt;
    const host = 'https://shop.example.com';
    const emit = (type: string, fields: Record<string, unknown> = {}): void => {
      this.counters.event += 1;
      const event: Record<string, unknown> = {
        eventId: `e${this.counters.event.toString(36).padStart(10, '0')}`,
        visitorId: visitor.visitorId,
        sessionId,
        at: this.iso(at),
        type,
      };
      if (mode === 'known' || (mode === 'identify' && visitor.loggedIn)) event.userId = userId;
      Object.assign(event, fields);
      event.device = visitor.device;
      this.evidence.addKeys(visitor.evidence, this.identifierEvidence(person, event));
      this.out.events.line(JSON.stringify(event));
      this.counts.events += 1;
      at += this.int(5, 180) * 1000;
    };

    emit('page_view', { url: `${host}/` });
    if (mode === 'known' && !visitor.loggedIn) {
      emit('login', { email: this.writtenEmail(person.email) });
      visitor.loggedIn = this.chance(0.8);
    }
    if (mode === 'identify' && how === 'signup') {
      visitor.loggedIn = true;
      emit('signup', { email: this.writtenEmail(person.email) });
    }
    const browsing = this.int(0, 6);
    const viewed: Product[] = [];
    for (let i = 0; i < browsing; i++) {
      if (this.chance(0.25)) {
        emit('search', { url: `${host}/search?q=${encodeURIComponent(this.rng.commerce.productAdjective().toLowerCase())}` });
      } else {
        const product = this.rng.helpers.arrayElement(this.products);
        viewed.push(product);
        emit('product_view', { url: `${host}/p/${product.slug}`, sku: product.sku });
      }
    }
    if (mode === 'identify' && how === 'newsletter') emit('newsletter', { email: this.writtenEmail(person.email) });

    const guestOrder = mode === 'identify' && how === 'order';
    if (guestOrder || this.chance(0.3)) {
      const cart = viewed.length > 0 ? viewed.slice(0, this.int(1, Math.min(3, viewed.length))) : [this.rng.helpers.arrayElement(this.products)];
      for (const product of cart) emit('add_to_cart', { url: `${host}/p/${product.slug}`, sku: product.sku });
      // Orders need an email, so only people who are (or become here) identified place them.
      if (guestOrder || (identified && this.chance(0.35))) {
        const email = this.writtenEmail(person.email);
        emit('checkout', { url: `${host}/checkout`, email });
        this.counters.order += 1;
        const amount = Math.round(cart.reduce((sum, p) => sum + p.price, 0) * 100) / 100;
        emit('order', {
          url: `${host}/checkout/done`,
          email,
          orderId: `W${String(this.counters.order).padStart(9, '0')}`,
          amount,
          currency: person.country.currency,
        });
      }
    }
  }

  // ---- POS ---------------------------------------------------------------------------------

  private member(person: Person): { loyaltyId: string; updatedAt: number } {
    const loyaltyId = this.uniqueId(() => `L${this.rng.string.numeric({ length: 10, allowLeadingZeros: true })}`);
    const enrolledAt = this.between(person.since, this.until - DAY);
    const updatedAt = this.between(enrolledAt, this.until);
    return { loyaltyId, updatedAt };
  }

  private writeMember(person: Person, loyaltyId: string, updatedAt: number, stale: boolean): void {
    const enrolledAt = this.between(person.since, updatedAt);
    const row: Record<string, string | undefined> = {
      loyaltyId,
      firstName: person.firstName,
      lastName: person.lastName,
      email: this.chance(0.8) ? this.writtenEmail(person.email) : undefined,
      phone: this.chance(0.7) ? this.writtenPhone(person) : undefined,
      postalCode: this.writtenPostalCode(stale ? person.previousPostalCode! : person.postalCode),
      country: person.country.code,
      enrolledAt: this.tillTime(enrolledAt),
      updatedAt: this.tillTime(updatedAt),
    };
    this.out.members.line(csvLine(CSV_COLUMNS['pos/members.csv'].all.map((column) => row[column])));
    this.counts.members += 1;
    this.truth('pos', 'member', loyaltyId, person, [...this.identifierEvidence(person, row), ...nameEvidence(row)]);
  }

  private transactions(person: Person, loyaltyId: string | undefined): void {
    const cardTokens = Array.from({ length: this.int(1, 2) }, () => `tok_${this.rng.string.hexadecimal({ length: 16, casing: 'lower', prefix: '' })}`);
    const paysByCard = this.chance(0.65);
    const homeStore = `${person.country.code}-${String(this.int(1, 40)).padStart(3, '0')}`;
    const count = this.int(1, 10);
    for (let i = 0; i < count; i++) {
      const at = this.between(person.since, this.until - 3_600_000);
      const store = this.chance(0.85) ? homeStore : `${person.country.code}-${String(this.int(1, 40)).padStart(3, '0')}`;
      const lines = this.rng.helpers
        .arrayElements(this.products, this.int(1, 4))
        .map((product) => ({ product, quantity: this.rng.helpers.weightedArrayElement([{ weight: 80, value: 1 }, { weight: 15, value: 2 }, { weight: 5, value: 3 }]) }));
      const who = this.shopperFields(person, loyaltyId, cardTokens, paysByCard);
      this.transaction(person, store, at, 'sale', who, lines);
      if (this.chance(0.07)) {
        const returnAt = at + this.int(1, 30) * DAY;
        if (returnAt <= this.until) {
          const returned = lines.slice(0, this.int(1, lines.length));
          this.transaction(person, this.chance(0.8) ? store : homeStore, returnAt, 'return', who, returned);
        }
      }
    }
  }

  private shopperFields(
    person: Person,
    loyaltyId: string | undefined,
    cardTokens: string[],
    paysByCard: boolean,
  ): { loyaltyId?: string; cardToken?: string; receiptEmail?: string } {
    const who: { loyaltyId?: string; cardToken?: string; receiptEmail?: string } = {};
    if (loyaltyId && this.chance(0.85)) who.loyaltyId = loyaltyId;
    if (paysByCard || (loyaltyId && this.chance(0.5))) who.cardToken = this.rng.helpers.arrayElement(cardTokens);
    if (this.chance(0.15)) who.receiptEmail = this.writtenEmail(person.email);
    return who;
  }

  private transaction(
    person: Person,
    storeId: string,
    at: number,
    type: 'sale' | 'return',
    who: { loyaltyId?: string; cardToken?: string; receiptEmail?: string },
    lines: { product: Product; quantity: number }[],
  ): void {
    this.counters.transaction += 1;
    const transactionId = `${storeId}-${String(this.counters.transaction).padStart(9, '0')}`;
    for (const { product, quantity } of lines) {
      const row: Record<string, string | number | undefined> = {
        transactionId,
        storeId,
        at: this.tillTime(at),
        type,
        loyaltyId: who.loyaltyId,
        cardToken: who.cardToken,
        receiptEmail: who.receiptEmail,
        sku: product.sku,
        quantity,
        unitPrice: product.price.toFixed(2),
        currency: person.country.currency,
      };
      this.out.transactions.line(csvLine(CSV_COLUMNS['pos/transactions.csv'].all.map((column) => row[column])));
      this.counts.transactionLines += 1;
    }
    this.counts.transactions += 1;
    this.truth('pos', 'transaction', transactionId, person, this.identifierEvidence(person, who));
  }

  // ---- one person across the channels -------------------------------------------------------

  generatePerson(index: number): void {
    const person = this.newPerson(index);
    const member = person.channels.pos && this.chance(0.7) ? this.member(person) : undefined;
    let oldestContactUpdate: number | undefined;
    if (person.channels.crm) {
      const loyaltyOnContact = member && this.chance(0.7) ? member.loyaltyId : undefined;
      oldestContactUpdate = this.crm(person, loyaltyOnContact, member?.updatedAt);
    }
    if (member) {
      // A mover's member record older than every CRM contact still has the old postal code.
      const stale =
        person.previousPostalCode !== undefined && oldestContactUpdate !== undefined && member.updatedAt < oldestContactUpdate;
      this.writeMember(person, member.loyaltyId, member.updatedAt, stale);
    }
    if (person.channels.web) this.web(person);
    if (person.channels.pos) this.transactions(person, member?.loyaltyId);
  }
}

/**
 * Writes the demo export files under `outDir` (crm/, web/, pos/ and ground-truth.jsonl). The same
 * options always produce the same bytes: all randomness comes from faker instances seeded here.
 */
export async function generateSeed(options: SeedOptions): Promise<SeedSummary> {
  if (!Number.isInteger(options.customers) || options.customers < 0) {
    throw new Error(`customers must be a non-negative integer, got ${options.customers}`);
  }
  if (!Number.isInteger(options.seed)) throw new Error(`seed must be an integer, got ${options.seed}`);
  if (Number.isNaN(options.until.getTime())) throw new Error('until must be a valid Date');
  const startedAt = Date.now();
  const file = (relative: string) => new BufferedFileWriter(path.join(options.outDir, relative));
  const out = {
    contacts: file('crm/contacts.jsonl'),
    cases: file('crm/cases.jsonl'),
    events: file('web/events.jsonl'),
    members: file('pos/members.csv'),
    transactions: file('pos/transactions.csv'),
    truth: file('ground-truth.jsonl'),
  };
  out.members.line(CSV_COLUMNS['pos/members.csv'].all.join(','));
  out.transactions.line(CSV_COLUMNS['pos/transactions.csv'].all.join(','));

  const generator = new SeedGenerator(options, out);
  const writers = Object.values(out);
  try {
    for (let i = 0; i < options.customers; i++) {
      generator.generatePerson(i);
      for (const writer of writers) await writer.flushIfFull();
    }
    await generator.writeGroundTruth();
  } finally {
    await Promise.all(writers.map((writer) => writer.close()));
  }
  return {
    outDir: options.outDir,
    customers: options.customers,
    seed: options.seed,
    until: options.until,
    counts: { ...generator.counts },
    durationMs: Date.now() - startedAt,
  };
}
