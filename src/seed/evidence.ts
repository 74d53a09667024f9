/**
 * Which of a person's records the data itself connects, for `ground-truth.jsonl`.
 *
 * Some records carry nothing that ties them to their person: a receipt paid in cash without a
 * loyalty card or receipt email, a web visitor who never logs in, signs up or orders, a payment
 * card never seen next to a loyalty card. No resolver can link those, so an accuracy figure over
 * all records mixes the resolver's mistakes with what the data cannot tell. The generator
 * therefore also says, per record, which chain of evidence it belongs to.
 *
 * Definition (also printed by `bench/identity.ts` and written in src/identity/README.md): two
 * records of one person are *linkable* when a chain of that person's records connects them, each
 * step sharing a piece of evidence that no other person in the data set holds:
 *   - the same email address (whatever its case or surrounding spaces), phone number (whatever its
 *     format), loyalty id, web user id or payment card token;
 *   - or, between profile records (contacts, members), the same first and last name together with
 *     the same birth date or the same postal code.
 * Evidence held by two people is no evidence for either: a household's family email is on both
 * members' records, and the records that carry only that email cannot be told apart by anyone.
 * Each chain is an evidence group; a record alone in its group is not linkable.
 */
export interface EvidenceGroup {
  /** `<personId>/<n>`: records with the same group are linkable to each other. */
  evidenceGroup: string;
  /** True when the group holds another record of the person. */
  linkable: boolean;
}

/** Evidence keys of a profile record's name, as written (case-, accent- and space-insensitive as the resolver's normaliser). */
export function nameEvidence(person: { firstName?: string; lastName?: string; birthDate?: string; postalCode?: string }): string[] {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  if (!person.firstName?.trim() || !person.lastName?.trim()) return [];
  const name = `${norm(person.firstName)}|${norm(person.lastName)}`;
  const keys: string[] = [];
  if (person.birthDate) keys.push(`name:${name}|born:${person.birthDate}`);
  if (person.postalCode?.trim()) keys.push(`name:${name}|postal:${person.postalCode.toUpperCase().replace(/\s+/g, '')}`);
  return keys;
}

/**
 * Collects the records in generation order with their evidence keys (any strings naming one piece
 * of evidence, e.g. `email:ann@example.com`), then groups them. Memory is a few short strings per
 * record: 100k people (about 550k records) take some tens of MB.
 */
export class EvidenceCollector {
  private readonly persons: string[] = [];
  private readonly keysOf: string[][] = [];

  /** Adds a record of `personId`; returns its index, for `addKeys`. */
  add(personId: string, keys: string[] = []): number {
    this.persons.push(personId);
    this.keysOf.push([...keys]);
    return this.persons.length - 1;
  }

  addKeys(record: number, keys: string[]): void {
    this.keysOf[record]!.push(...keys);
  }

  /** The group of every record, in the order they were added; numbered per person from 1. */
  groups(): EvidenceGroup[] {
    const n = this.persons.length;
    const parent = Array.from({ length: n }, (_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) {
        parent[i] = parent[parent[i]!]!;
        i = parent[i]!;
      }
      return i;
    };
    const holders = new Map<string, number[]>();
    this.keysOf.forEach((keys, record) => {
      for (const key of new Set(keys)) {
        const list = holders.get(key);
        if (list) list.push(record);
        else holders.set(key, [record]);
      }
    });
    for (const list of holders.values()) {
      if (list.length < 2) continue;
      const person = this.persons[list[0]!];
      if (list.some((record) => this.persons[record] !== person)) continue; // held by two people: no evidence
      for (const record of list.slice(1)) parent[find(record)] = find(list[0]!);
    }

    const size = new Map<number, number>();
    for (let i = 0; i < n; i++) size.set(find(i), (size.get(find(i)) ?? 0) + 1);
    const numberOf = new Map<number, number>();
    const nextOfPerson = new Map<string, number>();
    return this.persons.map((person, i) => {
      const root = find(i);
      let number = numberOf.get(root);
      if (number === undefined) {
        number = (nextOfPerson.get(person) ?? 0) + 1;
        nextOfPerson.set(person, number);
        numberOf.set(root, number);
      }
      return { evidenceGroup: `${person}/${number}`, linkable: size.get(root)! > 1 };
    });
  }
}
