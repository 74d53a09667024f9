import { createHash } from 'node:crypto';
import type { CustomerDoc, CustomerIdentifierDoc, IdentityChannel } from './documents';
import type { GuardDecision, Link } from '../resolve';
import { identifierKey } from '../resolve';
import type { IdentityRecord } from '../records';

/** A record as resolve handles it: the pure core's record plus the PosShopper it belongs to. */
export interface StoredRecord {
  record: IdentityRecord;
  shopperKey?: string;
  /** `recordHash` of this record, once computed (it is needed twice per changed record). */
  hash?: string;
}

/** Decisions listed per customer; the rest are counted in the run report only. */
const DECISIONS_PER_CUSTOMER = 50;

/** The hash a record is compared by between runs: same fields, same order, same hash. */
export function recordHash(stored: StoredRecord): string {
  return createHash('sha1')
    .update(JSON.stringify([stored.record, stored.shopperKey ?? null]))
    .digest('base64url');
}

/** Every record key a guard decision names, so that it can be shown on those records' customers. */
export function recordsNamedBy(decision: GuardDecision): string[] {
  switch (decision.rule) {
    case 'placeholder':
    case 'non-unique':
      return decision.records;
    case 'different-people':
      return [...decision.people.flat(), ...decision.notLinked];
    case 'cluster-conflict':
    case 'manual':
      return [decision.a, decision.b];
    case 'block-too-large':
      return [];
  }
}

/**
 * The customer document of one cluster: its identifiers with the channels holding them and when
 * they were first and last seen, the channel entities it links, and the evidence that formed it.
 */
export function buildCustomerDoc(input: {
  id: string;
  createdAt: Date;
  now: Date;
  mergedFrom: string[];
  members: StoredRecord[];
  links: Link[];
  decisions: GuardDecision[];
}): CustomerDoc {
  const identifiers = new Map<string, CustomerIdentifierDoc>();
  const channels = new Set<IdentityChannel>();
  const crmContactIds: string[] = [];
  const webVisitorIds: string[] = [];
  const posShopperKeys = new Set<string>();
  for (const { record, shopperKey } of input.members) {
    const { source, kind, id } = record.ref;
    channels.add(source);
    if (kind === 'contact') crmContactIds.push(id);
    if (kind === 'visitor') webVisitorIds.push(id);
    if (shopperKey) posShopperKeys.add(shopperKey);
    for (const identifier of record.identifiers) {
      const key = identifierKey(identifier);
      const seen = identifiers.get(key);
      if (!seen) {
        identifiers.set(key, {
          type: identifier.type,
          value: identifier.value,
          sources: [source],
          recordCount: 1,
          firstSeen: record.createdAt,
          lastSeen: record.updatedAt,
        });
        continue;
      }
      if (!seen.sources.includes(source)) seen.sources.push(source);
      seen.recordCount++;
      if (record.createdAt < seen.firstSeen) seen.firstSeen = record.createdAt;
      if (record.updatedAt > seen.lastSeen) seen.lastSeen = record.updatedAt;
    }
  }
  const sortedIdentifiers = [...identifiers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, identifier] of sortedIdentifiers) identifier.sources.sort();
  return {
    _id: input.id,
    createdAt: input.createdAt,
    updatedAt: input.now,
    mergedFrom: input.mergedFrom,
    channels: [...channels].sort(),
    recordCount: input.members.length,
    identifiers: sortedIdentifiers.map(([, identifier]) => identifier),
    identifierKeys: sortedIdentifiers.map(([key]) => key),
    crmContactIds: crmContactIds.sort(),
    webVisitorIds: webVisitorIds.sort(),
    posShopperKeys: [...posShopperKeys].sort(),
    links: input.links,
    decisions: input.decisions.slice(0, DECISIONS_PER_CUSTOMER),
  };
}
