import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CustomerDoc, CustomerIdentifierDoc, ActivityDoc } from '../../../../src/identity/store/documents';
import type { CustomerConnectionModel, TimelineConnectionModel, CustomerSearchConnectionModel, CustomerSearchEdgeModel } from '../models/connections';
import type { ReportReference } from '../../../../src/insights/report';
import type { TermMatch } from '../../../../src/identity/search/query';
import type { CustomerExplanationModel } from '../models/explanation';
import type { GuardDecision } from '../../../../src/identity';
import type { AuditEntryDoc } from '../../../../src/contract/documents';
import type { AuditEntryConnectionModel } from '../models/audit';
import type { CustomerEventDoc } from '../../../../src/live/events';
import type { IdentityContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant, written as an ISO-8601 string in UTC (e.g. 2026-03-01T09:30:00.000Z). */
  DateTime: { input: Date; output: Date | string; }
  /** A JSON value (here always an object), serialised as is. */
  JSON: { input: unknown; output: unknown; }
  /** Compact partial results of an integration index report (arrays of short tuples), for the insights subgraph only. */
  ReportPart: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** One request's reads of one entity's restricted fields. */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  at: Scalars['DateTime']['output'];
  /** Null for an entity without a key; a root field's `id` argument for `Query` entries. */
  entityKey?: Maybe<Scalars['String']['output']>;
  entityType: Scalars['String']['output'];
  /** The restricted fields read, sorted. */
  fields: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The operation name the client gave, when it gave one. */
  operationName?: Maybe<Scalars['String']['output']>;
  /** The reader's roles at the time. */
  roles: Array<Scalars['String']['output']>;
  /** The reader's `sub`. */
  sub?: Maybe<Scalars['String']['output']>;
  /** The subgraph that served the fields. */
  subgraph: Scalars['String']['output'];
};

export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  edges: Array<AuditEntryEdge>;
  pageInfo: PageInfo;
};

export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  cursor: Scalars['String']['output'];
  node: AuditEntry;
};

/** Narrows `auditLog`; every given condition must hold. */
export type AuditLogFilter = {
  /**
   * Reads of any record of this customer (contacts, visitors, shoppers, members, receipts, cases,
   * sessions); for a forgotten customer, the entries forgetCustomer kept under its id.
   */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** The key of the entity read (contactId, visitorId, loyaltyId, ...). */
  entityKey?: InputMaybe<Scalars['String']['input']>;
  /** The type read, e.g. CrmContact, PosMember, Customer. */
  entityType?: InputMaybe<Scalars['String']['input']>;
  /** Reads at or after this instant. */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** The reader: the `sub` of their token. */
  sub?: InputMaybe<Scalars['String']['input']>;
  /** Reads before this instant. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

export type Channel =
  | 'crm'
  | 'pos'
  | 'web';

export type CrmCase = {
  __typename?: 'CrmCase';
  caseId: Scalars['ID']['output'];
};

export type CrmContact = {
  __typename?: 'CrmContact';
  contactId: Scalars['ID']['output'];
};

/** One person across the channels: the records identity resolution linked, under an id that persists across runs. */
export type Customer = {
  __typename?: 'Customer';
  channels: Array<Channel>;
  createdAt: Scalars['DateTime']['output'];
  crmContacts: Array<CrmContact>;
  id: Scalars['ID']['output'];
  /** The strong identifiers of the customer's records, normalised. */
  identifiers?: Maybe<Array<CustomerIdentifier>>;
  /** Ids of customers that merged into this one; each still resolves here. */
  mergedFrom: Array<Scalars['ID']['output']>;
  /**
   * The loyalty members resolved to this customer (a member's receipts may belong to others, see
   * `posTransactions`).
   */
  posMembers: Array<PosMember>;
  posShoppers: Array<PosShopper>;
  /**
   * Every store receipt resolved to this customer, unpaginated: a receipt belongs to the customer
   * it resolved to itself, not to every customer sharing its shopper (e.g. a family's payment card).
   */
  posTransactions: Array<PosTransaction>;
  /**
   * Every interaction of the customer on any channel, newest first; each entry points at the channel
   * entity. `first` defaults to 20, at most 100; `channels` and `kinds` narrow it.
   */
  timeline: TimelineConnection;
  webVisitors: Array<WebVisitor>;
};


/** One person across the channels: the records identity resolution linked, under an id that persists across runs. */
export type CustomerTimelineArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  channels?: InputMaybe<Array<Channel>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kinds?: InputMaybe<Array<TimelineKind>>;
};

export type CustomerConnection = {
  __typename?: 'CustomerConnection';
  edges: Array<CustomerEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type CustomerEdge = {
  __typename?: 'CustomerEdge';
  cursor: Scalars['String']['output'];
  node: Customer;
};

/** One change of one customer; ids and band names only. */
export type CustomerEvent = {
  __typename?: 'CustomerEvent';
  at: Scalars['DateTime']['output'];
  /** BAND_CHANGED: the band now (null: it has no index any more). */
  band?: Maybe<IndexBand>;
  /** The customer as it is now (an id merged away since gives its survivor); null once it is forgotten. */
  customer?: Maybe<Customer>;
  /** The customer it concerns: the survivor of a merge, the customer split, changed or forgotten. */
  customerId: Scalars['ID']['output'];
  kind: CustomerEventKind;
  /** MERGED: the ids that merged into `customerId`. */
  mergedFrom?: Maybe<Array<Scalars['ID']['output']>>;
  /** SPLIT: the customers the records went to (`customerId` among them unless it merged away). */
  parts?: Maybe<Array<Scalars['ID']['output']>>;
  /** BAND_CHANGED: the band before (null: it had no index). */
  previousBand?: Maybe<IndexBand>;
  /** Increasing in the order the events happened. */
  sequence: Scalars['ID']['output'];
};

export type CustomerEventKind =
  | 'BAND_CHANGED'
  | 'FORGOTTEN'
  | 'MERGED'
  | 'SPLIT';

export type CustomerExplanation = {
  __typename?: 'CustomerExplanation';
  customer: Customer;
  /** Guard rails that kept records apart or refused an identifier, with their evidence. */
  decisions: Array<ResolutionDecision>;
  /** The unions that formed the customer: one fewer than its records. */
  links: Array<RecordLink>;
  records: Array<LinkedRecord>;
};

export type CustomerFilter = {
  /** Only customers with records on every one of these channels. */
  channels?: InputMaybe<Array<Channel>>;
};

export type CustomerIdentifier = {
  __typename?: 'CustomerIdentifier';
  firstSeen: Scalars['DateTime']['output'];
  lastSeen: Scalars['DateTime']['output'];
  /** How many of the customer's records carry it. */
  recordCount: Scalars['Int']['output'];
  /** The channels whose records carry it. */
  sources: Array<Channel>;
  type: IdentifierType;
  /** Normalised: emails trimmed and lower-cased, phones in E.164. */
  value: Scalars['String']['output'];
};

export type CustomerLookup = {
  /** ISO 3166-1 alpha-2 region for a phone number written without its country code (default GB). */
  country?: InputMaybe<Scalars['String']['input']>;
  type: IdentifierType;
  value: Scalars['String']['input'];
};

export type CustomerSearchConnection = {
  __typename?: 'CustomerSearchConnection';
  edges: Array<CustomerSearchEdge>;
  pageInfo: PageInfo;
};

export type CustomerSearchEdge = {
  __typename?: 'CustomerSearchEdge';
  cursor: Scalars['String']['output'];
  /** What matched, best first (at most three). */
  matches: Array<SearchMatch>;
  node: Customer;
  /** How well the customer matches: 100 an exact identifier, 90 a whole name, less for prefixes and typos. */
  score: Scalars['Float']['output'];
};

/**
 * One field's part in a probabilistic match: how alike the two values are, and what that added.
 * Derived from both records' personal data even where it shows no value.
 */
export type FieldComparison = {
  __typename?: 'FieldComparison';
  /** The same in words, e.g. `birth date: one digit mistyped, +4.0 bits (for the same person)`. */
  explanation: Scalars['String']['output'];
  /** firstName | lastName | birthDate | postalCode | address | city | email | phone */
  field: Scalars['String']['output'];
  /** The comparison level, e.g. exact, one digit mistyped, day and month swapped, different. */
  level: Scalars['String']['output'];
  /** The value compared on the link's first record (normalised: lower-case, address abbreviations written out). */
  valueA?: Maybe<Scalars['String']['output']>;
  valueB?: Maybe<Scalars['String']['output']>;
  /** What the level added to the match weight, in bits: log2(m / u), measured from the data (negative: evidence of different people). */
  weight: Scalars['Float']['output'];
};

export type ForgetCount = {
  __typename?: 'ForgetCount';
  /** deleted | pseudonymised | scrubbed (edited out of another record) | suppressed (added to the suppression list) */
  action: Scalars['String']['output'];
  collection: Scalars['String']['output'];
  count: Scalars['Int']['output'];
  /** crm | web | pos | omnidex (the quarantine) | identity | audit (the PII audit log) */
  database: Scalars['String']['output'];
};

/** What `forgetCustomer` did. */
export type ForgetResult = {
  __typename?: 'ForgetResult';
  /** An earlier request had already finished: nothing was left to do. */
  alreadyForgotten: Scalars['Boolean']['output'];
  /** The entry in the privacy log (identity.privacy_log) that records the request. */
  auditId: Scalars['ID']['output'];
  /** What was done to each collection, over every attempt. */
  counts: Array<ForgetCount>;
  /** The customer forgotten: `requestedId`, or the customer it had merged into. */
  customerId: Scalars['ID']['output'];
  /** The id asked for. */
  requestedId: Scalars['ID']['output'];
  /**
   * Identifiers not suppressed because other customers' records carry them too (a shared family
   * email): suppressing them would drop those people's rows from later imports.
   */
  sharedIdentifiers: Scalars['Int']['output'];
};

export type IdentifierType =
  | 'crmContactId'
  | 'email'
  | 'loyaltyId'
  | 'phone'
  | 'cardToken'
  | 'webUserId'
  | 'webVisitorId';

/** 80–100 exemplary, 60–79.99… moderate, below 60 poor (configurable); decided on the unrounded score. */
export type IndexBand =
  | 'EXEMPLARY'
  | 'MODERATE'
  | 'POOR';

/**
 * A portfolio-level Integration Index report; its id carries the report's parameters. Each subgraph
 * adds its partial tallies, which the insights subgraph @requires and combines.
 */
export type IntegrationIndexReport = {
  __typename?: 'IntegrationIndexReport';
  id: Scalars['ID']['output'];
  /** Which contacts, visitors, members and receipts make each customer (cohort filter applied). */
  identityPart: Scalars['ReportPart']['output'];
};

export type LinkedRecord = {
  __typename?: 'LinkedRecord';
  channel: Channel;
  id: Scalars['ID']['output'];
  identifiers?: Maybe<Array<CustomerIdentifier>>;
  /** `source:kind:id`, e.g. crm:contact:C1. */
  key: Scalars['ID']['output'];
  kind: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Admin only. Erases the customer (an id that merged is followed to its survivor) from every
   * channel database, the identity map and the activity index; store sales and returns are kept for
   * the books, pseudonymised. Its identifiers go on the suppression list, so re-importing an old
   * export does not bring it back. `reason` is kept in the audit log (emails and phone numbers
   * removed). Idempotent: asking again answers `alreadyForgotten`, and completes an interrupted run.
   * Refused while records imported since the last `omnidex resolve` are not linked yet.
   */
  forgetCustomer?: Maybe<ForgetResult>;
  /**
   * Splits a customer into the given parts (record keys, covering its records exactly once). The
   * decision is kept: later runs never join the parts again. The largest part keeps the id.
   */
  splitCustomer?: Maybe<Array<Customer>>;
  /** Takes one record out of its customer for good: it never rejoins the records it is with now. */
  unlinkRecord?: Maybe<Array<Customer>>;
};


export type MutationForgetCustomerArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationSplitCustomerArgs = {
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  parts: Array<Array<Scalars['ID']['input']>>;
};


export type MutationUnlinkRecordArgs = {
  customerId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  record: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to read the next page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PosMember = {
  __typename?: 'PosMember';
  loyaltyId: Scalars['ID']['output'];
};

export type PosShopper = {
  __typename?: 'PosShopper';
  shopperKey: Scalars['ID']['output'];
};

export type PosTransaction = {
  __typename?: 'PosTransaction';
  transactionId: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * Who read which personal data (the fields the role matrix restricts), newest first: one entry per
   * entity per subgraph request, with ids and field names, never the values. Admin only. `first`
   * defaults to 20, at most 100.
   */
  auditLog?: Maybe<AuditEntryConnection>;
  /** One customer by id; an id that merged into another resolves to the survivor. Null when unknown. */
  customer?: Maybe<Customer>;
  /** Every customer, newest first (by creation time). `first` defaults to 20, at most 100. */
  customers: CustomerConnection;
  /** Which records make up a customer, and by which rule and evidence they were linked or kept apart. */
  explainCustomer?: Maybe<CustomerExplanation>;
  /**
   * Admin only. Everything Omnidex holds on the customer (a data subject access request): identity,
   * every channel record in full, activity pointers and the golden profile, with `generatedAt` and
   * the `sources` read. An id that merged is followed to its survivor; null when unknown.
   */
  exportCustomerData?: Maybe<Scalars['JSON']['output']>;
  /** The customer holding an identifier, normalised as `omnidex resolve` normalises it; null when none does. */
  findCustomer?: Maybe<Customer>;
  /**
   * Customers whose name, email, phone, postcode or loyalty id matches `query`, best first: names by
   * word prefixes, without accents or case, with one typo per word of four letters or more; emails by
   * prefix; phones in any format; postcodes and loyalty ids whole (docs/SEARCH.md). Agents and
   * admins only: a search reveals that a person exists, so every customer found is written to the
   * audit log. `first` defaults to 20, at most 100; results stop after the 500th.
   */
  searchCustomers?: Maybe<CustomerSearchConnection>;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CustomerFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryExplainCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryExportCustomerDataArgs = {
  id: Scalars['ID']['input'];
};


export type QueryFindCustomerArgs = {
  by: CustomerLookup;
};


export type QuerySearchCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
};

export type RecordLink = {
  __typename?: 'RecordLink';
  a: Scalars['ID']['output'];
  b: Scalars['ID']['output'];
  /** Probabilistic links: the waterfall behind `score`, one entry per field both records hold. */
  comparisons?: Maybe<Array<FieldComparison>>;
  /**
   * Probabilistic links: the prior and every field's contribution in one sentence, ending with the
   * probability and the threshold. It names no value, but says how two people's details compare.
   */
  explanation?: Maybe<Scalars['String']['output']>;
  identifierType?: Maybe<IdentifierType>;
  identifierValue?: Maybe<Scalars['String']['output']>;
  /** Probabilistic links: the probability that the two records are one person (linked at or above the configured threshold). */
  matchProbability?: Maybe<Scalars['Float']['output']>;
  /** identifier (a shared email, phone, loyalty id, ...) | probabilistic (names, birth date, address, ... weighed together) */
  rule: Scalars['String']['output'];
  /** Probabilistic links: the match weight in bits (log2 odds that the two are one person, the prior included). */
  score?: Maybe<Scalars['Float']['output']>;
};

export type ResolutionDecision = {
  __typename?: 'ResolutionDecision';
  /** The decision's evidence as JSON. */
  evidence?: Maybe<Scalars['String']['output']>;
  /** placeholder | non-unique | different-people | cluster-conflict | manual | block-too-large */
  rule: Scalars['String']['output'];
  /** What happened, in one sentence. */
  summary: Scalars['String']['output'];
};

export type SearchField =
  | 'email'
  | 'loyaltyId'
  | 'name'
  | 'phone'
  | 'postalCode';

/** A value of the customer that matched the query. */
export type SearchMatch = {
  __typename?: 'SearchMatch';
  field: SearchField;
  /** True when a word matched only with a typo. */
  fuzzy: Scalars['Boolean']['output'];
  /** The parts of `value` that matched, for highlighting. */
  highlights: Array<TextRange>;
  /** The value as identity resolution normalised it: names lower-cased (accents kept), emails lower-cased, phones in E.164, postcodes upper-cased without spaces. */
  value: Scalars['String']['output'];
};

/**
 * Change notifications, served to the gateway over server-sent events (docs/LIVE.md, "Subscriptions").
 * Events come from the customer event log the live resolver and erasure write, so any replica serves
 * them whichever process made the change; the payload is the Customer entity, read under the same
 * field rules as a query.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The customer, as it is now, each time its data changes: a record of theirs resolved (new or
   * updated), a merge (an id merged away follows its survivor), a split, a band change. Null once,
   * then the stream ends, when the customer is forgotten. Every reading role, like `customer(id)`.
   */
  customerChanged?: Maybe<Customer>;
  /**
   * Merges, splits, band changes and erasures of any customer, as they happen; `kinds` narrows them
   * (all four by default). Agents, marketing and admins: a front end follows one customer with
   * `customerChanged`.
   */
  customerEvents?: Maybe<CustomerEvent>;
};


/**
 * Change notifications, served to the gateway over server-sent events (docs/LIVE.md, "Subscriptions").
 * Events come from the customer event log the live resolver and erasure write, so any replica serves
 * them whichever process made the change; the payload is the Customer entity, read under the same
 * field rules as a query.
 */
export type SubscriptionCustomerChangedArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Change notifications, served to the gateway over server-sent events (docs/LIVE.md, "Subscriptions").
 * Events come from the customer event log the live resolver and erasure write, so any replica serves
 * them whichever process made the change; the payload is the Customer entity, read under the same
 * field rules as a query.
 */
export type SubscriptionCustomerEventsArgs = {
  kinds?: InputMaybe<Array<CustomerEventKind>>;
};

/** A range of a string in UTF-16 code units, as JavaScript's `String.prototype.slice` counts. */
export type TextRange = {
  __typename?: 'TextRange';
  length: Scalars['Int']['output'];
  start: Scalars['Int']['output'];
};

export type TimelineConnection = {
  __typename?: 'TimelineConnection';
  edges: Array<TimelineEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type TimelineEdge = {
  __typename?: 'TimelineEdge';
  cursor: Scalars['String']['output'];
  node: TimelineEntry;
};

export type TimelineEntry = {
  __typename?: 'TimelineEntry';
  at: Scalars['DateTime']['output'];
  channel: Channel;
  /** Set when the entry is a CRM case. */
  crmCase?: Maybe<CrmCase>;
  /** The channel entity's key: a caseId, sessionId or transactionId. */
  entityId: Scalars['ID']['output'];
  kind: TimelineKind;
  /** Set when the entry is a store sale or return. */
  posTransaction?: Maybe<PosTransaction>;
  /** Set when the entry is a web session. */
  webSession?: Maybe<WebSession>;
};

export type TimelineKind =
  /** A CRM service case (at its opening). */
  | 'case'
  /** A store return. */
  | 'return'
  /** A store sale. */
  | 'sale'
  /** A web session (at its first event). */
  | 'session';

export type WebSession = {
  __typename?: 'WebSession';
  sessionId: Scalars['ID']['output'];
};

export type WebVisitor = {
  __typename?: 'WebVisitor';
  visitorId: Scalars['ID']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Customer: Customer;
  IntegrationIndexReport: IntegrationIndexReport;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Customer:
    ( { __typename: 'Customer' }
    & GraphQLRecursivePick<FederationTypes['Customer'], {"id":true}> );
  IntegrationIndexReport:
    ( { __typename: 'IntegrationIndexReport' }
    & GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AuditEntry: ResolverTypeWrapper<AuditEntryDoc>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditEntryConnection: ResolverTypeWrapper<AuditEntryConnectionModel>;
  AuditEntryEdge: ResolverTypeWrapper<Omit<AuditEntryEdge, 'node'> & { node: ResolversTypes['AuditEntry'] }>;
  AuditLogFilter: AuditLogFilter;
  Channel: null;
  CrmCase: ResolverTypeWrapper<CrmCase>;
  CrmContact: ResolverTypeWrapper<CrmContact>;
  Customer: ResolverTypeWrapper<CustomerDoc>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CustomerConnection: ResolverTypeWrapper<CustomerConnectionModel>;
  CustomerEdge: ResolverTypeWrapper<Omit<CustomerEdge, 'node'> & { node: ResolversTypes['Customer'] }>;
  CustomerEvent: ResolverTypeWrapper<CustomerEventDoc>;
  CustomerEventKind: CustomerEventKind;
  CustomerExplanation: ResolverTypeWrapper<CustomerExplanationModel>;
  CustomerFilter: CustomerFilter;
  CustomerIdentifier: ResolverTypeWrapper<CustomerIdentifierDoc>;
  CustomerLookup: CustomerLookup;
  CustomerSearchConnection: ResolverTypeWrapper<CustomerSearchConnectionModel>;
  CustomerSearchEdge: ResolverTypeWrapper<CustomerSearchEdgeModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FieldComparison: ResolverTypeWrapper<FieldComparison>;
  ForgetCount: ResolverTypeWrapper<ForgetCount>;
  ForgetResult: ResolverTypeWrapper<ForgetResult>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  IdentifierType: null;
  IndexBand: IndexBand;
  IntegrationIndexReport: ResolverTypeWrapper<ReportReference>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LinkedRecord: ResolverTypeWrapper<Omit<LinkedRecord, 'identifiers'> & { identifiers?: Maybe<Array<ResolversTypes['CustomerIdentifier']>> }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PosMember: ResolverTypeWrapper<PosMember>;
  PosShopper: ResolverTypeWrapper<PosShopper>;
  PosTransaction: ResolverTypeWrapper<PosTransaction>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordLink: ResolverTypeWrapper<RecordLink>;
  ReportPart: ResolverTypeWrapper<Scalars['ReportPart']['output']>;
  ResolutionDecision: ResolverTypeWrapper<GuardDecision>;
  SearchField: null;
  SearchMatch: ResolverTypeWrapper<TermMatch>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TextRange: ResolverTypeWrapper<TextRange>;
  TimelineConnection: ResolverTypeWrapper<TimelineConnectionModel>;
  TimelineEdge: ResolverTypeWrapper<Omit<TimelineEdge, 'node'> & { node: ResolversTypes['TimelineEntry'] }>;
  TimelineEntry: ResolverTypeWrapper<ActivityDoc>;
  TimelineKind: null;
  WebSession: ResolverTypeWrapper<WebSession>;
  WebVisitor: ResolverTypeWrapper<WebVisitor>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AuditEntry: AuditEntryDoc;
  ID: Scalars['ID']['output'];
  AuditEntryConnection: AuditEntryConnectionModel;
  AuditEntryEdge: Omit<AuditEntryEdge, 'node'> & { node: ResolversParentTypes['AuditEntry'] };
  AuditLogFilter: AuditLogFilter;
  CrmCase: CrmCase;
  CrmContact: CrmContact;
  Customer: CustomerDoc;
  Int: Scalars['Int']['output'];
  CustomerConnection: CustomerConnectionModel;
  CustomerEdge: Omit<CustomerEdge, 'node'> & { node: ResolversParentTypes['Customer'] };
  CustomerEvent: CustomerEventDoc;
  CustomerExplanation: CustomerExplanationModel;
  CustomerFilter: CustomerFilter;
  CustomerIdentifier: CustomerIdentifierDoc;
  CustomerLookup: CustomerLookup;
  CustomerSearchConnection: CustomerSearchConnectionModel;
  CustomerSearchEdge: CustomerSearchEdgeModel;
  Float: Scalars['Float']['output'];
  DateTime: Scalars['DateTime']['output'];
  FieldComparison: FieldComparison;
  ForgetCount: ForgetCount;
  ForgetResult: ForgetResult;
  Boolean: Scalars['Boolean']['output'];
  IntegrationIndexReport: ReportReference;
  JSON: Scalars['JSON']['output'];
  LinkedRecord: Omit<LinkedRecord, 'identifiers'> & { identifiers?: Maybe<Array<ResolversParentTypes['CustomerIdentifier']>> };
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  PosMember: PosMember;
  PosShopper: PosShopper;
  PosTransaction: PosTransaction;
  Query: Record<PropertyKey, never>;
  RecordLink: RecordLink;
  ReportPart: Scalars['ReportPart']['output'];
  ResolutionDecision: GuardDecision;
  SearchMatch: TermMatch;
  Subscription: Record<PropertyKey, never>;
  TextRange: TextRange;
  TimelineConnection: TimelineConnectionModel;
  TimelineEdge: Omit<TimelineEdge, 'node'> & { node: ResolversParentTypes['TimelineEntry'] };
  TimelineEntry: ActivityDoc;
  WebSession: WebSession;
  WebVisitor: WebVisitor;
  String: Scalars['String']['output'];
}>;

export type AuthDirectiveArgs = {
  consent?: Maybe<Scalars['String']['input']>;
  consented?: Maybe<Array<Scalars['String']['input']>>;
  requires: Array<Scalars['String']['input']>;
};

export type AuthDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = AuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type NotPersonalDirectiveArgs = {
  why: Scalars['String']['input'];
};

export type NotPersonalDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = NotPersonalDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PersonalDirectiveArgs = { };

export type PersonalDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = PersonalDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AuditEntryResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['AuditEntry'] = ResolversParentTypes['AuditEntry']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  entityKey?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  entityType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  operationName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  sub?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  subgraph?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditEntryConnectionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['AuditEntryConnection'] = ResolversParentTypes['AuditEntryConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['AuditEntryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type AuditEntryEdgeResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['AuditEntryEdge'] = ResolversParentTypes['AuditEntryEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEntry'], ParentType, ContextType>;
}>;

export type ChannelResolvers = { CRM: 'crm', POS: 'pos', WEB: 'web' };

export type CrmCaseResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['CrmCase'] = ResolversParentTypes['CrmCase']> = ResolversObject<{
  caseId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type CrmContactResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['CrmContact'] = ResolversParentTypes['CrmContact']> = ResolversObject<{
  contactId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type CustomerResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer'], FederationReferenceType extends FederationReferenceTypes['Customer'] = FederationReferenceTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  channels?: Resolver<Array<ResolversTypes['Channel']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  crmContacts?: Resolver<Array<ResolversTypes['CrmContact']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifiers?: Resolver<Maybe<Array<ResolversTypes['CustomerIdentifier']>>, ParentType, ContextType>;
  mergedFrom?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  posMembers?: Resolver<Array<ResolversTypes['PosMember']>, ParentType, ContextType>;
  posShoppers?: Resolver<Array<ResolversTypes['PosShopper']>, ParentType, ContextType>;
  posTransactions?: Resolver<Array<ResolversTypes['PosTransaction']>, ParentType, ContextType>;
  timeline?: Resolver<ResolversTypes['TimelineConnection'], ParentType, ContextType, RequireFields<CustomerTimelineArgs, 'first'>>;
  webVisitors?: Resolver<Array<ResolversTypes['WebVisitor']>, ParentType, ContextType>;
}>;

export type CustomerConnectionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['CustomerConnection'] = ResolversParentTypes['CustomerConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['CustomerEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CustomerEdgeResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['CustomerEdge'] = ResolversParentTypes['CustomerEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Customer'], ParentType, ContextType>;
}>;

export type CustomerEventResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['CustomerEvent'] = ResolversParentTypes['CustomerEvent']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  band?: Resolver<Maybe<ResolversTypes['IndexBand']>, ParentType, ContextType>;
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType>;
  customerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['CustomerEventKind'], ParentType, ContextType>;
  mergedFrom?: Resolver<Maybe<Array<ResolversTypes['ID']>>, ParentType, ContextType>;
  parts?: Resolver<Maybe<Array<ResolversTypes['ID']>>, ParentType, ContextType>;
  previousBand?: Resolver<Maybe<ResolversTypes['IndexBand']>, ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type CustomerExplanationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['CustomerExplanation'] = ResolversParentTypes['CustomerExplanation']> = ResolversObject<{
  customer?: Resolver<ResolversTypes['Customer'], ParentType, ContextType>;
  decisions?: Resolver<Array<ResolversTypes['ResolutionDecision']>, ParentType, ContextType>;
  links?: Resolver<Array<ResolversTypes['RecordLink']>, ParentType, ContextType>;
  records?: Resolver<Array<ResolversTypes['LinkedRecord']>, ParentType, ContextType>;
}>;

export type CustomerIdentifierResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['CustomerIdentifier'] = ResolversParentTypes['CustomerIdentifier']> = ResolversObject<{
  firstSeen?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  lastSeen?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  recordCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['Channel']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['IdentifierType'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type CustomerSearchConnectionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['CustomerSearchConnection'] = ResolversParentTypes['CustomerSearchConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['CustomerSearchEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type CustomerSearchEdgeResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['CustomerSearchEdge'] = ResolversParentTypes['CustomerSearchEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  matches?: Resolver<Array<ResolversTypes['SearchMatch']>, ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Customer'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FieldComparisonResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['FieldComparison'] = ResolversParentTypes['FieldComparison']> = ResolversObject<{
  explanation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  valueA?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  valueB?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type ForgetCountResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['ForgetCount'] = ResolversParentTypes['ForgetCount']> = ResolversObject<{
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  collection?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  database?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ForgetResultResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['ForgetResult'] = ResolversParentTypes['ForgetResult']> = ResolversObject<{
  alreadyForgotten?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  auditId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  counts?: Resolver<Array<ResolversTypes['ForgetCount']>, ParentType, ContextType>;
  customerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  requestedId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sharedIdentifiers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type IdentifierTypeResolvers = { CRM_CONTACT_ID: 'crmContactId', EMAIL: 'email', LOYALTY_ID: 'loyaltyId', PHONE: 'phone', POS_CARD_TOKEN: 'cardToken', WEB_USER_ID: 'webUserId', WEB_VISITOR_ID: 'webVisitorId' };

export type IntegrationIndexReportResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['IntegrationIndexReport'] = ResolversParentTypes['IntegrationIndexReport'], FederationReferenceType extends FederationReferenceTypes['IntegrationIndexReport'] = FederationReferenceTypes['IntegrationIndexReport']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['IntegrationIndexReport']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identityPart?: Resolver<ResolversTypes['ReportPart'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LinkedRecordResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['LinkedRecord'] = ResolversParentTypes['LinkedRecord']> = ResolversObject<{
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifiers?: Resolver<Maybe<Array<ResolversTypes['CustomerIdentifier']>>, ParentType, ContextType>;
  key?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  forgetCustomer?: Resolver<Maybe<ResolversTypes['ForgetResult']>, ParentType, ContextType, RequireFields<MutationForgetCustomerArgs, 'id' | 'reason'>>;
  splitCustomer?: Resolver<Maybe<Array<ResolversTypes['Customer']>>, ParentType, ContextType, RequireFields<MutationSplitCustomerArgs, 'id' | 'parts'>>;
  unlinkRecord?: Resolver<Maybe<Array<ResolversTypes['Customer']>>, ParentType, ContextType, RequireFields<MutationUnlinkRecordArgs, 'customerId' | 'record'>>;
}>;

export type PageInfoResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PosMemberResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['PosMember'] = ResolversParentTypes['PosMember']> = ResolversObject<{
  loyaltyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PosShopperResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['PosShopper'] = ResolversParentTypes['PosShopper']> = ResolversObject<{
  shopperKey?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PosTransactionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['PosTransaction'] = ResolversParentTypes['PosTransaction']> = ResolversObject<{
  transactionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  auditLog?: Resolver<Maybe<ResolversTypes['AuditEntryConnection']>, ParentType, ContextType, RequireFields<QueryAuditLogArgs, 'first'>>;
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryCustomerArgs, 'id'>>;
  customers?: Resolver<ResolversTypes['CustomerConnection'], ParentType, ContextType, RequireFields<QueryCustomersArgs, 'first'>>;
  explainCustomer?: Resolver<Maybe<ResolversTypes['CustomerExplanation']>, ParentType, ContextType, RequireFields<QueryExplainCustomerArgs, 'id'>>;
  exportCustomerData?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType, RequireFields<QueryExportCustomerDataArgs, 'id'>>;
  findCustomer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryFindCustomerArgs, 'by'>>;
  searchCustomers?: Resolver<Maybe<ResolversTypes['CustomerSearchConnection']>, ParentType, ContextType, RequireFields<QuerySearchCustomersArgs, 'first' | 'query'>>;
}>;

export type RecordLinkResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['RecordLink'] = ResolversParentTypes['RecordLink']> = ResolversObject<{
  a?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  b?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  comparisons?: Resolver<Maybe<Array<ResolversTypes['FieldComparison']>>, ParentType, ContextType>;
  explanation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  identifierType?: Resolver<Maybe<ResolversTypes['IdentifierType']>, ParentType, ContextType>;
  identifierValue?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  matchProbability?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export interface ReportPartScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['ReportPart'], any> {
  name: 'ReportPart';
}

export type ResolutionDecisionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['ResolutionDecision'] = ResolversParentTypes['ResolutionDecision']> = ResolversObject<{
  evidence?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SearchFieldResolvers = { EMAIL: 'email', LOYALTY_ID: 'loyaltyId', NAME: 'name', PHONE: 'phone', POSTAL_CODE: 'postalCode' };

export type SearchMatchResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SearchMatch'] = ResolversParentTypes['SearchMatch']> = ResolversObject<{
  field?: Resolver<ResolversTypes['SearchField'], ParentType, ContextType>;
  fuzzy?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  highlights?: Resolver<Array<ResolversTypes['TextRange']>, ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  customerChanged?: SubscriptionResolver<Maybe<ResolversTypes['Customer']>, "customerChanged", ParentType, ContextType, RequireFields<SubscriptionCustomerChangedArgs, 'id'>>;
  customerEvents?: SubscriptionResolver<Maybe<ResolversTypes['CustomerEvent']>, "customerEvents", ParentType, ContextType, Partial<SubscriptionCustomerEventsArgs>>;
}>;

export type TextRangeResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['TextRange'] = ResolversParentTypes['TextRange']> = ResolversObject<{
  length?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type TimelineConnectionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['TimelineConnection'] = ResolversParentTypes['TimelineConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['TimelineEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type TimelineEdgeResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['TimelineEdge'] = ResolversParentTypes['TimelineEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['TimelineEntry'], ParentType, ContextType>;
}>;

export type TimelineEntryResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['TimelineEntry'] = ResolversParentTypes['TimelineEntry']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  crmCase?: Resolver<Maybe<ResolversTypes['CrmCase']>, ParentType, ContextType>;
  entityId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['TimelineKind'], ParentType, ContextType>;
  posTransaction?: Resolver<Maybe<ResolversTypes['PosTransaction']>, ParentType, ContextType>;
  webSession?: Resolver<Maybe<ResolversTypes['WebSession']>, ParentType, ContextType>;
}>;

export type TimelineKindResolvers = { CASE: 'case', RETURN: 'return', SALE: 'sale', SESSION: 'session' };

export type WebSessionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['WebSession'] = ResolversParentTypes['WebSession']> = ResolversObject<{
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type WebVisitorResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['WebVisitor'] = ResolversParentTypes['WebVisitor']> = ResolversObject<{
  visitorId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = IdentityContext> = ResolversObject<{
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditEntryConnection?: AuditEntryConnectionResolvers<ContextType>;
  AuditEntryEdge?: AuditEntryEdgeResolvers<ContextType>;
  Channel?: ChannelResolvers;
  CrmCase?: CrmCaseResolvers<ContextType>;
  CrmContact?: CrmContactResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  CustomerConnection?: CustomerConnectionResolvers<ContextType>;
  CustomerEdge?: CustomerEdgeResolvers<ContextType>;
  CustomerEvent?: CustomerEventResolvers<ContextType>;
  CustomerExplanation?: CustomerExplanationResolvers<ContextType>;
  CustomerIdentifier?: CustomerIdentifierResolvers<ContextType>;
  CustomerSearchConnection?: CustomerSearchConnectionResolvers<ContextType>;
  CustomerSearchEdge?: CustomerSearchEdgeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  FieldComparison?: FieldComparisonResolvers<ContextType>;
  ForgetCount?: ForgetCountResolvers<ContextType>;
  ForgetResult?: ForgetResultResolvers<ContextType>;
  IdentifierType?: IdentifierTypeResolvers;
  IntegrationIndexReport?: IntegrationIndexReportResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  LinkedRecord?: LinkedRecordResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PosMember?: PosMemberResolvers<ContextType>;
  PosShopper?: PosShopperResolvers<ContextType>;
  PosTransaction?: PosTransactionResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RecordLink?: RecordLinkResolvers<ContextType>;
  ReportPart?: GraphQLScalarType;
  ResolutionDecision?: ResolutionDecisionResolvers<ContextType>;
  SearchField?: SearchFieldResolvers;
  SearchMatch?: SearchMatchResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TextRange?: TextRangeResolvers<ContextType>;
  TimelineConnection?: TimelineConnectionResolvers<ContextType>;
  TimelineEdge?: TimelineEdgeResolvers<ContextType>;
  TimelineEntry?: TimelineEntryResolvers<ContextType>;
  TimelineKind?: TimelineKindResolvers;
  WebSession?: WebSessionResolvers<ContextType>;
  WebVisitor?: WebVisitorResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = IdentityContext> = ResolversObject<{
  auth?: AuthDirectiveResolver<any, any, ContextType>;
  notPersonal?: NotPersonalDirectiveResolver<any, any, ContextType>;
  personal?: PersonalDirectiveResolver<any, any, ContextType>;
}>;
