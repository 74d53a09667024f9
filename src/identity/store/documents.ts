import type { GuardDecision, Identifier, IdentityRecord, Link, ManualDecision, RecordKind, RecordSource } from '..';

/*
 * The identity database's documents: written by `omnidex resolve` and the admin corrections, read
 * by the identity subgraph. The channel databases' documents are in src/contract/documents.ts.
 */
/** One source record as resolve last saw it (`_id` is its `refKey`, e.g. `crm:contact:C1`). */
export interface IdentityRecordDoc {
  _id: string;
  source: RecordSource;
  kind: RecordKind;
  /** The record's id in its source (contactId, visitorId, loyaltyId, transactionId). */
  sourceId: string;
  customerId: string;
  /** Hash of `record`: a re-imported but unchanged record is not processed again. */
  hash: string;
  record: IdentityRecord;
  /** `identifierKey`s of `record.identifiers` (`email:a@b.c`), indexed: who holds an identifier. */
  identifierKeys: string[];
  /** Fuzzy blocking keys, indexed: the records a changed record may fuzzily match. */
  blockingKeys: string[];
  /** The PosShopper a transaction or member belongs to (pos records only). */
  shopperKey?: string;
  resolvedAt: Date;
}

export type IdentityChannel = 'crm' | 'web' | 'pos';

export interface CustomerIdentifierDoc extends Identifier {
  /** Channels of the records holding it. */
  sources: IdentityChannel[];
  recordCount: number;
  firstSeen: Date;
  lastSeen: Date;
}

/** A persistent customer: the cluster of records resolve assigned this id to. */
export interface CustomerDoc {
  _id: string;
  createdAt: Date;
  updatedAt: Date;
  /** Ids merged into this one (they resolve here), oldest merge first. */
  mergedFrom: string[];
  channels: IdentityChannel[];
  recordCount: number;
  identifiers: CustomerIdentifierDoc[];
  /** `identifierKey`s of `identifiers`, indexed for `findCustomer`. */
  identifierKeys: string[];
  crmContactIds: string[];
  webVisitorIds: string[];
  posShopperKeys: string[];
  /** The unions that formed the cluster and the guard rails that fired on its records. */
  links: Link[];
  decisions: GuardDecision[];
}

/** An id that merged away: `customer(id)` follows it to `survivor`. */
export interface CustomerMergeDoc {
  _id: string;
  survivor: string;
  mergedAt: Date;
}

export type ActivityKind = 'case' | 'session' | 'sale' | 'return';

/** One pointer per interaction (`_id` is `crm:case:<caseId>`, `web:session:<id>`, `pos:transaction:<id>`). */
export interface ActivityDoc {
  _id: string;
  customerId: string;
  /**
   * The record it is an interaction of (`crm:contact:C1`, `web:visitor:V1`, `pos:transaction:T1`):
   * when that record moves to another customer, its pointers move with it, without reading the
   * channel databases again.
   */
  owner: string;
  at: Date;
  channel: IdentityChannel;
  kind: ActivityKind;
  /** The channel entity's key: caseId, sessionId or transactionId. */
  entityId: string;
}

/** An admin's correction; it never expires, and every later resolve honours it. */
export type ManualDecisionDoc = ManualDecision & { _id: string; createdAt: Date; customerId: string; note?: string };

/** Where the previous resolve stopped reading the channel databases. */
export interface ResolveStateDoc {
  _id: 'resolve';
  /** Latest `imported.importedAt` resolve has read; later imports are the next run's input. */
  importedThrough: Date;
  updatedAt: Date;
}
