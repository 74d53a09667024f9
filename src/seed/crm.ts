import { nameEvidence } from './evidence';
import { identifierEvidence } from './ground-truth';
import type { Person } from './people';
import { DAY, type SeedRun } from './seed-run';

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

/** Writes the person's contacts and cases; returns when the oldest contact was last updated. */
export function generateCrm(run: SeedRun, person: Person, loyaltyId: string | undefined, memberUpdatedAt: number | undefined): number {
  const copies = run.rng.helpers.weightedArrayElement([
    { weight: 82, value: 1 },
    { weight: 15, value: 2 },
    { weight: 3, value: 3 },
  ]);
  const contacts: { contactId: string; createdAt: number; updatedAt: number }[] = [];
  for (let i = 0; i < copies; i++) {
    const createdAt = run.between(person.since, run.until - DAY);
    contacts.push({
      contactId: run.uniqueId(() => `C${run.rng.string.numeric({ length: 9, allowLeadingZeros: true })}`),
      createdAt,
      updatedAt: run.between(createdAt, run.until),
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
    const missing = latest ? undefined : run.rng.helpers.arrayElement(['phone', 'postalCode', 'birthDate', 'email', undefined]);
    const doc: Record<string, unknown> = { contactId: contact.contactId };
    doc.firstName = person.firstName;
    doc.lastName = person.lastName;
    if (missing !== 'email') doc.email = run.writtenEmail(person.email);
    if (missing !== 'phone' && run.chance(0.85)) doc.phone = run.writtenPhone(person.phone);
    if (missing !== 'postalCode') {
      doc.postalCode = run.writtenPostalCode(i === 0 && staleContact ? person.previousPostalCode! : person.postalCode);
    }
    doc.country = run.chance(0.05) ? person.country.code.toLowerCase() : person.country.code;
    if (missing !== 'birthDate' && run.chance(0.7)) doc.birthDate = person.birthDate;
    if (loyaltyId && latest) doc.loyaltyId = loyaltyId;
    doc.emailOptIn = run.chance(0.55);
    doc.smsOptIn = run.chance(0.25);
    doc.createdAt = run.iso(contact.createdAt);
    doc.updatedAt = run.iso(contact.updatedAt);
    // CRM exports carry fields outside the contract; the importer keeps them under `extra`.
    doc.city = person.city;
    run.out.contacts.line(JSON.stringify(doc));
    run.counts.contacts += 1;
    run.truth.add('crm', 'contact', contact.contactId, person, [
      ...identifierEvidence(person, doc),
      ...nameEvidence(doc as { firstName?: string; lastName?: string; birthDate?: string; postalCode?: string }),
    ]);
  });

  const cases = run.rng.helpers.weightedArrayElement([
    { weight: 40, value: 0 },
    { weight: 30, value: 1 },
    { weight: 15, value: 2 },
    { weight: 10, value: 3 },
    { weight: 5, value: 4 },
  ]);
  for (let i = 0; i < cases; i++) {
    const contact = run.chance(0.8) ? contacts[contacts.length - 1]! : run.rng.helpers.arrayElement(contacts);
    crmCase(run, contact.contactId, contact.createdAt);
  }
  return oldest.updatedAt;
}

function crmCase(run: SeedRun, contactId: string, notBefore: number): void {
  run.counters.case += 1;
  const caseId = `CASE-${String(run.counters.case).padStart(8, '0')}`;
  const channel = run.rng.helpers.weightedArrayElement([
    { weight: 35, value: 'email' as const },
    { weight: 30, value: 'chat' as const },
    { weight: 25, value: 'phone' as const },
    { weight: 10, value: 'store' as const },
  ]);
  const subject = run.rng.helpers.arrayElement(CASE_SUBJECTS);
  const openedAt = run.between(notBefore, run.until - 3_600_000);
  const recent = run.until - openedAt < 10 * DAY;
  const open = recent ? run.chance(0.6) : run.chance(0.02);
  const doc: Record<string, unknown> = { caseId, contactId, channel, subject };
  let closedAt: number | undefined;
  if (open) {
    doc.status = 'open';
  } else {
    doc.status = run.chance(0.7) ? 'closed' : 'resolved';
    closedAt = Math.min(run.until, openedAt + run.int(1, 72 * 6) * 600_000);
  }
  doc.openedAt = run.iso(openedAt);
  if (closedAt !== undefined) doc.closedAt = run.iso(closedAt);
  if (!open && run.chance(0.65)) {
    doc.csat = run.rng.helpers.weightedArrayElement([
      { weight: 10, value: 1 },
      { weight: 10, value: 2 },
      { weight: 15, value: 3 },
      { weight: 30, value: 4 },
      { weight: 35, value: 5 },
    ]);
  }
  if (channel === 'chat' || channel === 'email' || (channel === 'phone' && run.chance(0.5))) {
    const messages = run.int(2, 6);
    const transcript: { at: string; from: 'customer' | 'agent'; text: string }[] = [];
    let at = openedAt;
    for (let m = 0; m < messages; m++) {
      const from = m % 2 === 0 ? 'customer' : 'agent';
      transcript.push({
        at: run.iso(at),
        from,
        text: from === 'customer' && m === 0 ? `${subject} ${run.rng.lorem.sentence()}` : run.rng.lorem.sentence(),
      });
      at += run.int(1, 240) * 60_000;
      if (at > run.until) break;
    }
    doc.transcript = transcript;
  }
  run.out.cases.line(JSON.stringify(doc));
  run.counts.cases += 1;
}
