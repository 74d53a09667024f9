import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CustomerRepresentation as CustomerRepresentationModel } from '../models/representation';
import type { GoldenProfile as GoldenProfileModel, IntegrationIndex as IntegrationIndexModel, ChannelIndex as ChannelIndexModel, ChannelEvidence as ChannelEvidenceModel, ConsistencyEvidence as ConsistencyEvidenceModel, ConsistencyComparison as ConsistencyComparisonModel, CrmExperienceEvidence as CrmExperienceEvidenceModel, WebExperienceEvidence as WebExperienceEvidenceModel, PosExperienceEvidence as PosExperienceEvidenceModel, CustomerMetrics as CustomerMetricsModel, PortfolioChannel as PortfolioChannelModel } from '../../../../src/insights';
import type { ProfileText as ProfileTextModel, ProfileTextValue as ProfileTextValueModel, ProfileFlag as ProfileFlagModel, ProfileFlagValue as ProfileFlagValueModel } from '../models/profile';
import type { IntegrationIndexReportParent as IntegrationIndexReportParentModel } from '../models/report';
import type { ReportTrendPoint as ReportTrendPointModel } from '../../../../src/insights/report';
import type { InsightsContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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
  /** Compact partial results of a report (arrays of short tuples), exchanged through the gateway only. */
  ReportPart: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type AttributeComparison = {
  __typename?: 'AttributeComparison';
  agrees: Scalars['Boolean']['output'];
  attribute: ComparedAttribute;
  /** The golden profile's normalised value. */
  golden?: Maybe<Scalars['String']['output']>;
  /** The record's normalised value (personal data: nullable so that field rules can withhold it). */
  record?: Maybe<Scalars['String']['output']>;
};

export type Channel =
  | 'crm'
  | 'pos'
  | 'web';

export type ChannelEvidence = {
  __typename?: 'ChannelEvidence';
  consistency: ConsistencyEvidence;
  experience: ExperienceEvidence;
  interactions: Scalars['Int']['output'];
  recognised: Scalars['Int']['output'];
};

export type ChannelIndex = {
  __typename?: 'ChannelIndex';
  /** Share (0–100) of the interactions in which the customer was recognised; null when not engaged. */
  accessibility?: Maybe<Scalars['Float']['output']>;
  channel: Channel;
  /** Share (0–100) of compared attributes the channel's latest profile record agrees on; null without one. */
  consistency?: Maybe<Scalars['Float']['output']>;
  engaged: Scalars['Boolean']['output'];
  evidence: ChannelEvidence;
  /** CSAT (crm), add-to-cart conversion (web), 1 − returns ÷ sales (pos), 0–100; null when not measurable. */
  experience?: Maybe<Scalars['Float']['output']>;
  /** Interactions in the window: cases opened, sessions started, receipts. */
  interactions: Scalars['Int']['output'];
  /** Weighted mean of the non-null components; null when the channel is not engaged. */
  score?: Maybe<Scalars['Float']['output']>;
};

export type ChannelInteractions = {
  __typename?: 'ChannelInteractions';
  channel: Channel;
  count: Scalars['Int']['output'];
};

export type ComparedAttribute =
  | 'email'
  | 'fullName'
  | 'phone'
  | 'postalCode';

export type ComparedRecord = {
  __typename?: 'ComparedRecord';
  recordId: Scalars['ID']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type ConsistencyEvidence = {
  __typename?: 'ConsistencyEvidence';
  agreed: Scalars['Int']['output'];
  /** One entry per attribute both the record and the golden profile hold. */
  compared: Array<AttributeComparison>;
  /** The channel's latest profile record, compared with the golden profile; null when it has none. */
  record?: Maybe<ComparedRecord>;
};

export type CrmCaseFact = {
  __typename?: 'CrmCaseFact';
  caseId: Scalars['ID']['output'];
  contactId: Scalars['ID']['output'];
  csat?: Maybe<Scalars['Int']['output']>;
  openedAt: Scalars['DateTime']['output'];
};

export type CrmContactFact = {
  __typename?: 'CrmContactFact';
  birthDate?: Maybe<Scalars['String']['output']>;
  contactId: Scalars['ID']['output'];
  country?: Maybe<Scalars['String']['output']>;
  email?: Maybe<Scalars['String']['output']>;
  emailOptIn?: Maybe<Scalars['Boolean']['output']>;
  firstName?: Maybe<Scalars['String']['output']>;
  lastName?: Maybe<Scalars['String']['output']>;
  phone?: Maybe<Scalars['String']['output']>;
  postalCode?: Maybe<Scalars['String']['output']>;
  smsOptIn?: Maybe<Scalars['Boolean']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

export type CrmCustomerFacts = {
  __typename?: 'CrmCustomerFacts';
  cases: Array<CrmCaseFact>;
  contacts: Array<CrmContactFact>;
};

export type CrmExperienceEvidence = {
  __typename?: 'CrmExperienceEvidence';
  /** Mean CSAT (1–5) of the rated cases; null when none is rated. */
  meanCsat?: Maybe<Scalars['Float']['output']>;
  ratedCases: Scalars['Int']['output'];
};

export type CurrencyFlow = {
  __typename?: 'CurrencyFlow';
  currency: Scalars['String']['output'];
  returned: Scalars['Float']['output'];
  sold: Scalars['Float']['output'];
};

/**
 * A customer as identity resolution knows it. Insights owns no data: it computes the views below on
 * demand from the customer's records, which the gateway fetches for it from crm, web and pos
 * (`@requires` on their `…Facts` fields, declared `@external` here). Each view is null, with an error,
 * when a channel it reads could not answer: the rest of the customer is still served.
 */
export type Customer = {
  __typename?: 'Customer';
  crmFacts?: Maybe<CrmCustomerFacts>;
  id: Scalars['ID']['output'];
  /**
   * The Omni-channel Integration Index as of `asOf` (default now) over the configured window (365
   * days by default), with every component and the evidence behind it. Null components mean "cannot
   * be measured", never 0 (docs/INDEX.md, "The null rules").
   */
  integrationIndex?: Maybe<IntegrationIndex>;
  /** Derived 360 figures up to `asOf` (default now): lifetime value, order counts, first and last interaction, preferred channel. */
  metrics?: Maybe<CustomerMetrics>;
  posFacts?: Maybe<PosCustomerFacts>;
  /**
   * The merged ("golden") profile: per attribute, the most recently updated value among the
   * customer's CRM contacts, loyalty members and web visitors, with where it came from and the
   * values it beat (docs/INDEX.md, "Golden profile survivorship").
   */
  profile?: Maybe<CustomerProfile>;
  webFacts?: Maybe<WebCustomerFacts>;
};


/**
 * A customer as identity resolution knows it. Insights owns no data: it computes the views below on
 * demand from the customer's records, which the gateway fetches for it from crm, web and pos
 * (`@requires` on their `…Facts` fields, declared `@external` here). Each view is null, with an error,
 * when a channel it reads could not answer: the rest of the customer is still served.
 */
export type CustomerIntegrationIndexArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * A customer as identity resolution knows it. Insights owns no data: it computes the views below on
 * demand from the customer's records, which the gateway fetches for it from crm, web and pos
 * (`@requires` on their `…Facts` fields, declared `@external` here). Each view is null, with an error,
 * when a channel it reads could not answer: the rest of the customer is still served.
 */
export type CustomerMetricsArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
};

export type CustomerMetrics = {
  __typename?: 'CustomerMetrics';
  asOf: Scalars['DateTime']['output'];
  /** Earliest interaction (case opened, session started, receipt) up to `asOf`; null without any. */
  firstInteractionAt?: Maybe<Scalars['DateTime']['output']>;
  /** Interactions in the index window, per configured channel. */
  interactionsInWindow: Array<ChannelInteractions>;
  lastInteractionAt?: Maybe<Scalars['DateTime']['output']>;
  /** One entry per currency seen, by currency code; never converted between currencies. */
  lifetimeValue: Array<LifetimeValue>;
  orders: OrderCounts;
  /** Most interactions in the window (ties: most recent, then configuration order); null without any. */
  preferredChannel?: Maybe<Channel>;
};

/**
 * The merged profile. An attribute that no linked record holds is null. Email, phone and postal code
 * are shown in their normal forms (lower-cased; E.164; upper-cased without spaces), names as typed.
 * Loyalty tier is in no source and is not derived.
 */
export type CustomerProfile = {
  __typename?: 'CustomerProfile';
  /** YYYY-MM-DD, from CRM contacts. */
  birthDate?: Maybe<ProfileText>;
  /** ISO 3166-1 alpha-2. */
  country?: Maybe<ProfileText>;
  email?: Maybe<ProfileText>;
  /** Consent to marketing email, from CRM contacts. */
  emailOptIn?: Maybe<ProfileFlag>;
  /** Each name part survives on its own, so it may come from another record than `fullName`. */
  firstName?: Maybe<ProfileText>;
  /** First and last name, from the latest record holding both. */
  fullName?: Maybe<ProfileText>;
  lastName?: Maybe<ProfileText>;
  phone?: Maybe<ProfileText>;
  postalCode?: Maybe<ProfileText>;
  /** Consent to marketing SMS, from CRM contacts. */
  smsOptIn?: Maybe<ProfileFlag>;
};

export type ExperienceEvidence = CrmExperienceEvidence | PosExperienceEvidence | WebExperienceEvidence;

/** 80–100 exemplary, 60–79.99… moderate, below 60 poor (configurable); decided on the unrounded score. */
export type IndexBand =
  | 'EXEMPLARY'
  | 'MODERATE'
  | 'POOR';

export type IndexBandCounts = {
  __typename?: 'IndexBandCounts';
  exemplary: Scalars['Int']['output'];
  moderate: Scalars['Int']['output'];
  none: Scalars['Int']['output'];
  poor: Scalars['Int']['output'];
};

/** Which customers a report covers; the parts combine with AND. */
export type IndexReportFilter = {
  /** Customers first seen (earliest interaction) in this year ("2025") or month ("2025-03"). */
  cohort?: InputMaybe<Scalars['String']['input']>;
  /** Customers whose golden-profile country is this ISO 3166-1 alpha-2 code. */
  country?: InputMaybe<Scalars['String']['input']>;
  /** Customers with a POS receipt at this store in the report's window. */
  storeId?: InputMaybe<Scalars['String']['input']>;
};

export type IndexReportFilterValue = {
  __typename?: 'IndexReportFilterValue';
  cohort?: Maybe<Scalars['String']['output']>;
  country?: Maybe<Scalars['String']['output']>;
  storeId?: Maybe<Scalars['String']['output']>;
};

export type IndexTrendPoint = {
  __typename?: 'IndexTrendPoint';
  /** The instant the index is taken at: the first instant of the next month. */
  asOf: Scalars['DateTime']['output'];
  band?: Maybe<IndexBand>;
  indexed: Scalars['Int']['output'];
  /** YYYY-MM. */
  month: Scalars['String']['output'];
  score?: Maybe<Scalars['Float']['output']>;
};

export type IntegrationIndex = {
  __typename?: 'IntegrationIndex';
  asOf: Scalars['DateTime']['output'];
  band?: Maybe<IndexBand>;
  /** Every configured channel, engaged or not, in configuration order. */
  channels: Array<ChannelIndex>;
  /** Channels with at least one interaction in the window; only they enter the score. */
  engagedChannels: Array<Channel>;
  /** 0–100, unrounded; null when the customer has no interaction in the window. */
  score?: Maybe<Scalars['Float']['output']>;
  /** The window is (windowStart, asOf]: an interaction at exactly `windowStart` does not count. */
  windowStart: Scalars['DateTime']['output'];
};

export type IntegrationIndexReport = {
  __typename?: 'IntegrationIndexReport';
  asOf: Scalars['DateTime']['output'];
  band?: Maybe<IndexBand>;
  /** Customers per band; `none` counts those without an index. */
  bands: IndexBandCounts;
  /** Per configured channel, means over the customers engaged on it (null components left out). */
  channels: Array<PortfolioChannel>;
  crmPart: Scalars['ReportPart']['output'];
  /** Customers the report covers, with or without an index. */
  customers: Scalars['Int']['output'];
  filter: IndexReportFilterValue;
  /** The report's parameters, encoded; the other subgraphs compute their parts from it. */
  id: Scalars['ID']['output'];
  identityPart: Scalars['ReportPart']['output'];
  /** Customers whose index is not null. */
  indexed: Scalars['Int']['output'];
  posPart: Scalars['ReportPart']['output'];
  /** Mean of the customers' indexes, unrounded; null when none has one. */
  score?: Maybe<Scalars['Float']['output']>;
  /**
   * The index at each month end, oldest first: the last `months` of the `trendMonths` asked for at
   * the root (default all of them). A month's end is the first instant of the next month.
   */
  trend: Array<IndexTrendPoint>;
  webPart: Scalars['ReportPart']['output'];
  /** The window is (windowStart, asOf]. */
  windowStart: Scalars['DateTime']['output'];
};


export type IntegrationIndexReportTrendArgs = {
  months?: InputMaybe<Scalars['Int']['input']>;
};

export type LifetimeValue = {
  __typename?: 'LifetimeValue';
  /** webOrders + posSales − posReturns; negative when more came back than was bought. */
  amount: Scalars['Float']['output'];
  currency: Scalars['String']['output'];
  posReturns: Scalars['Float']['output'];
  posSales: Scalars['Float']['output'];
  webOrders: Scalars['Float']['output'];
};

export type Money = {
  __typename?: 'Money';
  amount: Scalars['Float']['output'];
  currency: Scalars['String']['output'];
};

export type OrderCounts = {
  __typename?: 'OrderCounts';
  posReturns: Scalars['Int']['output'];
  posSales: Scalars['Int']['output'];
  /** Online orders, one per order id (an order without an amount still counts). */
  web: Scalars['Int']['output'];
};

export type PortfolioChannel = {
  __typename?: 'PortfolioChannel';
  accessibility?: Maybe<Scalars['Float']['output']>;
  channel: Channel;
  consistency?: Maybe<Scalars['Float']['output']>;
  /** Customers with at least one interaction on the channel in the window. */
  engagedCustomers: Scalars['Int']['output'];
  experience?: Maybe<Scalars['Float']['output']>;
  score?: Maybe<Scalars['Float']['output']>;
};

export type PosCustomerFacts = {
  __typename?: 'PosCustomerFacts';
  members: Array<PosMemberFact>;
  transactions: Array<PosTransaction>;
};

export type PosExperienceEvidence = {
  __typename?: 'PosExperienceEvidence';
  byCurrency: Array<CurrencyFlow>;
  returnedAmount: Scalars['Float']['output'];
  returns: Scalars['Int']['output'];
  sales: Scalars['Int']['output'];
  /** Σ of the sale amounts in the window, currencies added as they are (never converted). */
  soldAmount: Scalars['Float']['output'];
};

export type PosMemberFact = {
  __typename?: 'PosMemberFact';
  country?: Maybe<Scalars['String']['output']>;
  email?: Maybe<Scalars['String']['output']>;
  firstName?: Maybe<Scalars['String']['output']>;
  lastName?: Maybe<Scalars['String']['output']>;
  loyaltyId: Scalars['ID']['output'];
  phone?: Maybe<Scalars['String']['output']>;
  postalCode?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

export type PosTransaction = {
  __typename?: 'PosTransaction';
  at: Scalars['DateTime']['output'];
  recognised: Scalars['Boolean']['output'];
  totals: Array<Money>;
  transactionId: Scalars['ID']['output'];
  type: PosTransactionType;
};

export type PosTransactionType =
  | 'return'
  | 'sale';

/** The surviving value of a yes/no attribute, where it came from, and the values it beat. */
export type ProfileFlag = {
  __typename?: 'ProfileFlag';
  conflicts: Array<ProfileFlagValue>;
  recordId: Scalars['ID']['output'];
  source: Channel;
  updatedAt: Scalars['DateTime']['output'];
  value: Scalars['Boolean']['output'];
};

export type ProfileFlagValue = {
  __typename?: 'ProfileFlagValue';
  recordId: Scalars['ID']['output'];
  source: Channel;
  updatedAt: Scalars['DateTime']['output'];
  value: Scalars['Boolean']['output'];
};

/** The surviving value of a text attribute, where it came from, and the distinct values it beat. */
export type ProfileText = {
  __typename?: 'ProfileText';
  /** Every other distinct value, each with its most recent holder, in survivorship order. */
  conflicts: Array<ProfileTextValue>;
  /** The record's id in its channel: a contactId, loyaltyId or visitorId. */
  recordId: Scalars['ID']['output'];
  source: Channel;
  /** When that record was last updated (a web visitor: its latest event). */
  updatedAt: Scalars['DateTime']['output'];
  value: Scalars['String']['output'];
};

export type ProfileTextValue = {
  __typename?: 'ProfileTextValue';
  recordId: Scalars['ID']['output'];
  source: Channel;
  updatedAt: Scalars['DateTime']['output'];
  value: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * The Omni-channel Integration Index over the whole customer base (or the customers the filter
   * keeps) as of `asOf` (default now): the mean index, per-channel means of A, C and E, counts per
   * band, and, with `trendMonths` > 0, the index at each of the last `trendMonths` month ends (at most
   * 36). Computed from partial tallies the channel subgraphs aggregate in MongoDB, scored per customer
   * with the same code as `Customer.integrationIndex`. For agents, marketing and admins (a front end
   * personalises pages, it reads no portfolio); once per operation, priced by its points (docs/SECURITY.md, "Limits").
   */
  integrationIndexReport?: Maybe<IntegrationIndexReport>;
};


export type QueryIntegrationIndexReportArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  filter?: InputMaybe<IndexReportFilter>;
  trendMonths?: InputMaybe<Scalars['Int']['input']>;
};

export type WebCustomerFacts = {
  __typename?: 'WebCustomerFacts';
  orders: Array<WebOrderFact>;
  sessions: Array<WebSessionFact>;
  visitors: Array<WebVisitorFact>;
};

export type WebExperienceEvidence = {
  __typename?: 'WebExperienceEvidence';
  sessionsWithAddToCart: Scalars['Int']['output'];
  sessionsWithOrder: Scalars['Int']['output'];
};

export type WebOrderFact = {
  __typename?: 'WebOrderFact';
  amount?: Maybe<Scalars['Float']['output']>;
  at: Scalars['DateTime']['output'];
  currency?: Maybe<Scalars['String']['output']>;
  eventId: Scalars['ID']['output'];
  orderId?: Maybe<Scalars['String']['output']>;
};

export type WebSessionFact = {
  __typename?: 'WebSessionFact';
  hasAddToCart: Scalars['Boolean']['output'];
  hasOrder: Scalars['Boolean']['output'];
  recognised: Scalars['Boolean']['output'];
  sessionId: Scalars['ID']['output'];
  startedAt: Scalars['DateTime']['output'];
};

export type WebVisitorFact = {
  __typename?: 'WebVisitorFact';
  lastSeenAt: Scalars['DateTime']['output'];
  latestEmail?: Maybe<Scalars['String']['output']>;
  latestEmailAt?: Maybe<Scalars['DateTime']['output']>;
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
    & GraphQLRecursivePick<FederationTypes['Customer'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Customer'], {"crmFacts":{"contacts":{"contactId":true,"firstName":true,"lastName":true,"email":true,"phone":true,"postalCode":true,"country":true,"birthDate":true,"emailOptIn":true,"smsOptIn":true,"updatedAt":true},"cases":{"caseId":true,"contactId":true,"openedAt":true,"csat":true}},"webFacts":{"visitors":{"visitorId":true,"latestEmail":true,"latestEmailAt":true,"lastSeenAt":true},"sessions":{"sessionId":true,"startedAt":true,"recognised":true,"hasAddToCart":true,"hasOrder":true}},"posFacts":{"members":{"loyaltyId":true,"firstName":true,"lastName":true,"email":true,"phone":true,"postalCode":true,"country":true,"updatedAt":true},"transactions":{"transactionId":true,"at":true,"type":true,"recognised":true,"totals":{"amount":true,"currency":true}}}}>
        | GraphQLRecursivePick<FederationTypes['Customer'], {"crmFacts":{"cases":{"caseId":true,"contactId":true,"openedAt":true,"csat":true}},"webFacts":{"sessions":{"sessionId":true,"startedAt":true,"recognised":true,"hasAddToCart":true,"hasOrder":true},"orders":{"eventId":true,"orderId":true,"at":true,"amount":true,"currency":true}},"posFacts":{"transactions":{"transactionId":true,"at":true,"type":true,"recognised":true,"totals":{"amount":true,"currency":true}}}}>
        | GraphQLRecursivePick<FederationTypes['Customer'], {"crmFacts":{"contacts":{"contactId":true,"firstName":true,"lastName":true,"email":true,"phone":true,"postalCode":true,"country":true,"birthDate":true,"emailOptIn":true,"smsOptIn":true,"updatedAt":true}},"webFacts":{"visitors":{"visitorId":true,"latestEmail":true,"latestEmailAt":true,"lastSeenAt":true}},"posFacts":{"members":{"loyaltyId":true,"firstName":true,"lastName":true,"email":true,"phone":true,"postalCode":true,"country":true,"updatedAt":true}}}>
        | GraphQLRecursivePick<FederationTypes['Customer'], {"crmFacts":{"contacts":{"contactId":true,"firstName":true,"lastName":true,"email":true,"phone":true,"postalCode":true,"country":true,"birthDate":true,"emailOptIn":true,"smsOptIn":true,"updatedAt":true}},"webFacts":{"visitors":{"visitorId":true,"latestEmail":true,"latestEmailAt":true,"lastSeenAt":true}},"posFacts":{"members":{"loyaltyId":true,"firstName":true,"lastName":true,"email":true,"phone":true,"postalCode":true,"country":true,"updatedAt":true}}}>
        | GraphQLRecursivePick<FederationTypes['Customer'], {"crmFacts":{"cases":{"caseId":true,"contactId":true,"openedAt":true,"csat":true}},"webFacts":{"sessions":{"sessionId":true,"startedAt":true,"recognised":true,"hasAddToCart":true,"hasOrder":true},"orders":{"eventId":true,"orderId":true,"at":true,"amount":true,"currency":true}},"posFacts":{"transactions":{"transactionId":true,"at":true,"type":true,"recognised":true,"totals":{"amount":true,"currency":true}}}}>
        | GraphQLRecursivePick<FederationTypes['Customer'], {"crmFacts":{"contacts":{"contactId":true,"firstName":true,"lastName":true,"email":true,"phone":true,"postalCode":true,"country":true,"birthDate":true,"emailOptIn":true,"smsOptIn":true,"updatedAt":true}},"webFacts":{"visitors":{"visitorId":true,"latestEmail":true,"latestEmailAt":true,"lastSeenAt":true}},"posFacts":{"members":{"loyaltyId":true,"firstName":true,"lastName":true,"email":true,"phone":true,"postalCode":true,"country":true,"updatedAt":true}}}>
        | GraphQLRecursivePick<FederationTypes['Customer'], {"crmFacts":{"contacts":{"contactId":true,"firstName":true,"lastName":true,"email":true,"phone":true,"postalCode":true,"country":true,"birthDate":true,"emailOptIn":true,"smsOptIn":true,"updatedAt":true}},"webFacts":{"visitors":{"visitorId":true,"latestEmail":true,"latestEmailAt":true,"lastSeenAt":true}},"posFacts":{"members":{"loyaltyId":true,"firstName":true,"lastName":true,"email":true,"phone":true,"postalCode":true,"country":true,"updatedAt":true}}}> ) );
  IntegrationIndexReport:
    ( { __typename: 'IntegrationIndexReport' }
    & GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}>
        | GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"identityPart":true,"crmPart":true,"webPart":true,"posPart":true}> ) );
}>;

/** Mapping of union types */
export type ResolversUnionTypes<_RefType extends Record<string, unknown>> = ResolversObject<{
  ExperienceEvidence:
    | ( CrmExperienceEvidenceModel )
    | ( PosExperienceEvidenceModel )
    | ( WebExperienceEvidenceModel )
  ;
}>;


/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AttributeComparison: ResolverTypeWrapper<ConsistencyComparisonModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Channel: null;
  ChannelEvidence: ResolverTypeWrapper<ChannelEvidenceModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ChannelIndex: ResolverTypeWrapper<ChannelIndexModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ChannelInteractions: ResolverTypeWrapper<ChannelInteractions>;
  ComparedAttribute: null;
  ComparedRecord: ResolverTypeWrapper<ComparedRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ConsistencyEvidence: ResolverTypeWrapper<ConsistencyEvidenceModel>;
  CrmCaseFact: ResolverTypeWrapper<CrmCaseFact>;
  CrmContactFact: ResolverTypeWrapper<CrmContactFact>;
  CrmCustomerFacts: ResolverTypeWrapper<CrmCustomerFacts>;
  CrmExperienceEvidence: ResolverTypeWrapper<CrmExperienceEvidenceModel>;
  CurrencyFlow: ResolverTypeWrapper<CurrencyFlow>;
  Customer: ResolverTypeWrapper<CustomerRepresentationModel>;
  CustomerMetrics: ResolverTypeWrapper<CustomerMetricsModel>;
  CustomerProfile: ResolverTypeWrapper<GoldenProfileModel>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  ExperienceEvidence: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['ExperienceEvidence']>;
  IndexBand: IndexBand;
  IndexBandCounts: ResolverTypeWrapper<IndexBandCounts>;
  IndexReportFilter: IndexReportFilter;
  IndexReportFilterValue: ResolverTypeWrapper<IndexReportFilterValue>;
  IndexTrendPoint: ResolverTypeWrapper<ReportTrendPointModel>;
  IntegrationIndex: ResolverTypeWrapper<IntegrationIndexModel>;
  IntegrationIndexReport: ResolverTypeWrapper<IntegrationIndexReportParentModel>;
  LifetimeValue: ResolverTypeWrapper<LifetimeValue>;
  Money: ResolverTypeWrapper<Money>;
  OrderCounts: ResolverTypeWrapper<OrderCounts>;
  PortfolioChannel: ResolverTypeWrapper<PortfolioChannelModel>;
  PosCustomerFacts: ResolverTypeWrapper<PosCustomerFacts>;
  PosExperienceEvidence: ResolverTypeWrapper<PosExperienceEvidenceModel>;
  PosMemberFact: ResolverTypeWrapper<PosMemberFact>;
  PosTransaction: ResolverTypeWrapper<PosTransaction>;
  PosTransactionType: null;
  ProfileFlag: ResolverTypeWrapper<ProfileFlagModel>;
  ProfileFlagValue: ResolverTypeWrapper<ProfileFlagValueModel>;
  ProfileText: ResolverTypeWrapper<ProfileTextModel>;
  ProfileTextValue: ResolverTypeWrapper<ProfileTextValueModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReportPart: ResolverTypeWrapper<Scalars['ReportPart']['output']>;
  WebCustomerFacts: ResolverTypeWrapper<WebCustomerFacts>;
  WebExperienceEvidence: ResolverTypeWrapper<WebExperienceEvidenceModel>;
  WebOrderFact: ResolverTypeWrapper<WebOrderFact>;
  WebSessionFact: ResolverTypeWrapper<WebSessionFact>;
  WebVisitorFact: ResolverTypeWrapper<WebVisitorFact>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AttributeComparison: ConsistencyComparisonModel;
  Boolean: Scalars['Boolean']['output'];
  ChannelEvidence: ChannelEvidenceModel;
  Int: Scalars['Int']['output'];
  ChannelIndex: ChannelIndexModel;
  Float: Scalars['Float']['output'];
  ChannelInteractions: ChannelInteractions;
  ComparedRecord: ComparedRecord;
  ID: Scalars['ID']['output'];
  ConsistencyEvidence: ConsistencyEvidenceModel;
  CrmCaseFact: CrmCaseFact;
  CrmContactFact: CrmContactFact;
  CrmCustomerFacts: CrmCustomerFacts;
  CrmExperienceEvidence: CrmExperienceEvidenceModel;
  CurrencyFlow: CurrencyFlow;
  Customer: CustomerRepresentationModel;
  CustomerMetrics: CustomerMetricsModel;
  CustomerProfile: GoldenProfileModel;
  DateTime: Scalars['DateTime']['output'];
  ExperienceEvidence: ResolversUnionTypes<ResolversParentTypes>['ExperienceEvidence'];
  IndexBandCounts: IndexBandCounts;
  IndexReportFilter: IndexReportFilter;
  IndexReportFilterValue: IndexReportFilterValue;
  IndexTrendPoint: ReportTrendPointModel;
  IntegrationIndex: IntegrationIndexModel;
  IntegrationIndexReport: IntegrationIndexReportParentModel;
  LifetimeValue: LifetimeValue;
  Money: Money;
  OrderCounts: OrderCounts;
  PortfolioChannel: PortfolioChannelModel;
  PosCustomerFacts: PosCustomerFacts;
  PosExperienceEvidence: PosExperienceEvidenceModel;
  PosMemberFact: PosMemberFact;
  PosTransaction: PosTransaction;
  ProfileFlag: ProfileFlagModel;
  ProfileFlagValue: ProfileFlagValueModel;
  ProfileText: ProfileTextModel;
  ProfileTextValue: ProfileTextValueModel;
  Query: Record<PropertyKey, never>;
  ReportPart: Scalars['ReportPart']['output'];
  WebCustomerFacts: WebCustomerFacts;
  WebExperienceEvidence: WebExperienceEvidenceModel;
  WebOrderFact: WebOrderFact;
  WebSessionFact: WebSessionFact;
  WebVisitorFact: WebVisitorFact;
  String: Scalars['String']['output'];
}>;

export type AuthDirectiveArgs = {
  consent?: Maybe<Scalars['String']['input']>;
  consented?: Maybe<Array<Scalars['String']['input']>>;
  requires: Array<Scalars['String']['input']>;
};

export type AuthDirectiveResolver<Result, Parent, ContextType = InsightsContext, Args = AuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type NotPersonalDirectiveArgs = {
  why: Scalars['String']['input'];
};

export type NotPersonalDirectiveResolver<Result, Parent, ContextType = InsightsContext, Args = NotPersonalDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PersonalDirectiveArgs = { };

export type PersonalDirectiveResolver<Result, Parent, ContextType = InsightsContext, Args = PersonalDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AttributeComparisonResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['AttributeComparison'] = ResolversParentTypes['AttributeComparison']> = ResolversObject<{
  agrees?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  attribute?: Resolver<ResolversTypes['ComparedAttribute'], ParentType, ContextType>;
  golden?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  record?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ChannelResolvers = { CRM: 'crm', POS: 'pos', WEB: 'web' };

export type ChannelEvidenceResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['ChannelEvidence'] = ResolversParentTypes['ChannelEvidence']> = ResolversObject<{
  consistency?: Resolver<ResolversTypes['ConsistencyEvidence'], ParentType, ContextType>;
  experience?: Resolver<ResolversTypes['ExperienceEvidence'], ParentType, ContextType>;
  interactions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  recognised?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ChannelIndexResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['ChannelIndex'] = ResolversParentTypes['ChannelIndex']> = ResolversObject<{
  accessibility?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  consistency?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  engaged?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  evidence?: Resolver<ResolversTypes['ChannelEvidence'], ParentType, ContextType>;
  experience?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  interactions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type ChannelInteractionsResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['ChannelInteractions'] = ResolversParentTypes['ChannelInteractions']> = ResolversObject<{
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ComparedAttributeResolvers = { EMAIL: 'email', FULL_NAME: 'fullName', PHONE: 'phone', POSTAL_CODE: 'postalCode' };

export type ComparedRecordResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['ComparedRecord'] = ResolversParentTypes['ComparedRecord']> = ResolversObject<{
  recordId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type ConsistencyEvidenceResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['ConsistencyEvidence'] = ResolversParentTypes['ConsistencyEvidence']> = ResolversObject<{
  agreed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  compared?: Resolver<Array<ResolversTypes['AttributeComparison']>, ParentType, ContextType>;
  record?: Resolver<Maybe<ResolversTypes['ComparedRecord']>, ParentType, ContextType>;
}>;

export type CrmExperienceEvidenceResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['CrmExperienceEvidence'] = ResolversParentTypes['CrmExperienceEvidence']> = ResolversObject<{
  meanCsat?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  ratedCases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CurrencyFlowResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['CurrencyFlow'] = ResolversParentTypes['CurrencyFlow']> = ResolversObject<{
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  returned?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type CustomerResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer'], FederationReferenceType extends FederationReferenceTypes['Customer'] = FederationReferenceTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  integrationIndex?: Resolver<Maybe<ResolversTypes['IntegrationIndex']>, ParentType, ContextType, Partial<CustomerIntegrationIndexArgs>>;
  metrics?: Resolver<Maybe<ResolversTypes['CustomerMetrics']>, ParentType, ContextType, Partial<CustomerMetricsArgs>>;
  profile?: Resolver<Maybe<ResolversTypes['CustomerProfile']>, ParentType, ContextType>;
}>;

export type CustomerMetricsResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['CustomerMetrics'] = ResolversParentTypes['CustomerMetrics']> = ResolversObject<{
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  firstInteractionAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  interactionsInWindow?: Resolver<Array<ResolversTypes['ChannelInteractions']>, ParentType, ContextType>;
  lastInteractionAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lifetimeValue?: Resolver<Array<ResolversTypes['LifetimeValue']>, ParentType, ContextType>;
  orders?: Resolver<ResolversTypes['OrderCounts'], ParentType, ContextType>;
  preferredChannel?: Resolver<Maybe<ResolversTypes['Channel']>, ParentType, ContextType>;
}>;

export type CustomerProfileResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['CustomerProfile'] = ResolversParentTypes['CustomerProfile']> = ResolversObject<{
  birthDate?: Resolver<Maybe<ResolversTypes['ProfileText']>, ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['ProfileText']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['ProfileText']>, ParentType, ContextType>;
  emailOptIn?: Resolver<Maybe<ResolversTypes['ProfileFlag']>, ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['ProfileText']>, ParentType, ContextType>;
  fullName?: Resolver<Maybe<ResolversTypes['ProfileText']>, ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['ProfileText']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['ProfileText']>, ParentType, ContextType>;
  postalCode?: Resolver<Maybe<ResolversTypes['ProfileText']>, ParentType, ContextType>;
  smsOptIn?: Resolver<Maybe<ResolversTypes['ProfileFlag']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type ExperienceEvidenceResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['ExperienceEvidence'] = ResolversParentTypes['ExperienceEvidence']> = ResolversObject<{
  __resolveType: TypeResolveFn<'CrmExperienceEvidence' | 'PosExperienceEvidence' | 'WebExperienceEvidence', ParentType, ContextType>;
}>;

export type IndexBandCountsResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['IndexBandCounts'] = ResolversParentTypes['IndexBandCounts']> = ResolversObject<{
  exemplary?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  moderate?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  none?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  poor?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type IndexReportFilterValueResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['IndexReportFilterValue'] = ResolversParentTypes['IndexReportFilterValue']> = ResolversObject<{
  cohort?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  storeId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type IndexTrendPointResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['IndexTrendPoint'] = ResolversParentTypes['IndexTrendPoint']> = ResolversObject<{
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  band?: Resolver<Maybe<ResolversTypes['IndexBand']>, ParentType, ContextType>;
  indexed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  month?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type IntegrationIndexResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['IntegrationIndex'] = ResolversParentTypes['IntegrationIndex']> = ResolversObject<{
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  band?: Resolver<Maybe<ResolversTypes['IndexBand']>, ParentType, ContextType>;
  channels?: Resolver<Array<ResolversTypes['ChannelIndex']>, ParentType, ContextType>;
  engagedChannels?: Resolver<Array<ResolversTypes['Channel']>, ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  windowStart?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type IntegrationIndexReportResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['IntegrationIndexReport'] = ResolversParentTypes['IntegrationIndexReport'], FederationReferenceType extends FederationReferenceTypes['IntegrationIndexReport'] = FederationReferenceTypes['IntegrationIndexReport']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['IntegrationIndexReport']> | FederationReferenceType, FederationReferenceType, ContextType>;
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  band?: Resolver<Maybe<ResolversTypes['IndexBand']>, ParentType, ContextType>;
  bands?: Resolver<ResolversTypes['IndexBandCounts'], ParentType, ContextType>;
  channels?: Resolver<Array<ResolversTypes['PortfolioChannel']>, ParentType, ContextType>;
  customers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  filter?: Resolver<ResolversTypes['IndexReportFilterValue'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  indexed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  trend?: Resolver<Array<ResolversTypes['IndexTrendPoint']>, ParentType, ContextType, Partial<IntegrationIndexReportTrendArgs>>;
  windowStart?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type LifetimeValueResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['LifetimeValue'] = ResolversParentTypes['LifetimeValue']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  posReturns?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  posSales?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  webOrders?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type OrderCountsResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['OrderCounts'] = ResolversParentTypes['OrderCounts']> = ResolversObject<{
  posReturns?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  posSales?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  web?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type PortfolioChannelResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['PortfolioChannel'] = ResolversParentTypes['PortfolioChannel']> = ResolversObject<{
  accessibility?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  consistency?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  engagedCustomers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  experience?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type PosExperienceEvidenceResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['PosExperienceEvidence'] = ResolversParentTypes['PosExperienceEvidence']> = ResolversObject<{
  byCurrency?: Resolver<Array<ResolversTypes['CurrencyFlow']>, ParentType, ContextType>;
  returnedAmount?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  returns?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sales?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  soldAmount?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PosTransactionResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['PosTransaction'] = ResolversParentTypes['PosTransaction']> = ResolversObject<{
  transactionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PosTransactionTypeResolvers = { RETURN: 'return', SALE: 'sale' };

export type ProfileFlagResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['ProfileFlag'] = ResolversParentTypes['ProfileFlag']> = ResolversObject<{
  conflicts?: Resolver<Array<ResolversTypes['ProfileFlagValue']>, ParentType, ContextType>;
  recordId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type ProfileFlagValueResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['ProfileFlagValue'] = ResolversParentTypes['ProfileFlagValue']> = ResolversObject<{
  recordId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type ProfileTextResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['ProfileText'] = ResolversParentTypes['ProfileText']> = ResolversObject<{
  conflicts?: Resolver<Array<ResolversTypes['ProfileTextValue']>, ParentType, ContextType>;
  recordId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ProfileTextValueResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['ProfileTextValue'] = ResolversParentTypes['ProfileTextValue']> = ResolversObject<{
  recordId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  integrationIndexReport?: Resolver<Maybe<ResolversTypes['IntegrationIndexReport']>, ParentType, ContextType, RequireFields<QueryIntegrationIndexReportArgs, 'trendMonths'>>;
}>;

export interface ReportPartScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['ReportPart'], any> {
  name: 'ReportPart';
}

export type WebExperienceEvidenceResolvers<ContextType = InsightsContext, ParentType extends ResolversParentTypes['WebExperienceEvidence'] = ResolversParentTypes['WebExperienceEvidence']> = ResolversObject<{
  sessionsWithAddToCart?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sessionsWithOrder?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = InsightsContext> = ResolversObject<{
  AttributeComparison?: AttributeComparisonResolvers<ContextType>;
  Channel?: ChannelResolvers;
  ChannelEvidence?: ChannelEvidenceResolvers<ContextType>;
  ChannelIndex?: ChannelIndexResolvers<ContextType>;
  ChannelInteractions?: ChannelInteractionsResolvers<ContextType>;
  ComparedAttribute?: ComparedAttributeResolvers;
  ComparedRecord?: ComparedRecordResolvers<ContextType>;
  ConsistencyEvidence?: ConsistencyEvidenceResolvers<ContextType>;
  CrmExperienceEvidence?: CrmExperienceEvidenceResolvers<ContextType>;
  CurrencyFlow?: CurrencyFlowResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  CustomerMetrics?: CustomerMetricsResolvers<ContextType>;
  CustomerProfile?: CustomerProfileResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  ExperienceEvidence?: ExperienceEvidenceResolvers<ContextType>;
  IndexBandCounts?: IndexBandCountsResolvers<ContextType>;
  IndexReportFilterValue?: IndexReportFilterValueResolvers<ContextType>;
  IndexTrendPoint?: IndexTrendPointResolvers<ContextType>;
  IntegrationIndex?: IntegrationIndexResolvers<ContextType>;
  IntegrationIndexReport?: IntegrationIndexReportResolvers<ContextType>;
  LifetimeValue?: LifetimeValueResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  OrderCounts?: OrderCountsResolvers<ContextType>;
  PortfolioChannel?: PortfolioChannelResolvers<ContextType>;
  PosExperienceEvidence?: PosExperienceEvidenceResolvers<ContextType>;
  PosTransaction?: PosTransactionResolvers<ContextType>;
  PosTransactionType?: PosTransactionTypeResolvers;
  ProfileFlag?: ProfileFlagResolvers<ContextType>;
  ProfileFlagValue?: ProfileFlagValueResolvers<ContextType>;
  ProfileText?: ProfileTextResolvers<ContextType>;
  ProfileTextValue?: ProfileTextValueResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReportPart?: GraphQLScalarType;
  WebExperienceEvidence?: WebExperienceEvidenceResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = InsightsContext> = ResolversObject<{
  auth?: AuthDirectiveResolver<any, any, ContextType>;
  notPersonal?: NotPersonalDirectiveResolver<any, any, ContextType>;
  personal?: PersonalDirectiveResolver<any, any, ContextType>;
}>;
