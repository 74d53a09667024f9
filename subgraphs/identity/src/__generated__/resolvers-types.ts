import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CustomerDoc, CustomerIdentifierDoc, ActivityDoc } from '../../../../src/contract/documents';
import type { CustomerConnectionModel, TimelineConnectionModel } from '../models/connections';
import type { CustomerExplanationModel } from '../models/explanation';
import type { GuardDecision } from '../../../../src/identity';
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
  _FieldSet: { input: unknown; output: unknown; }
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
  identifiers: Array<CustomerIdentifier>;
  /** Ids of customers that merged into this one; each still resolves here. */
  mergedFrom: Array<Scalars['ID']['output']>;
  posShoppers: Array<PosShopper>;
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

export type IdentifierType =
  | 'crmContactId'
  | 'email'
  | 'loyaltyId'
  | 'phone'
  | 'cardToken'
  | 'webUserId'
  | 'webVisitorId';

export type LinkedRecord = {
  __typename?: 'LinkedRecord';
  channel: Channel;
  id: Scalars['ID']['output'];
  identifiers: Array<CustomerIdentifier>;
  /** `source:kind:id`, e.g. crm:contact:C1. */
  key: Scalars['ID']['output'];
  kind: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Splits a customer into the given parts (record keys, covering its records exactly once). The
   * decision is kept: later runs never join the parts again. The largest part keeps the id.
   */
  splitCustomer: Array<Customer>;
  /** Takes one record out of its customer for good: it never rejoins the records it is with now. */
  unlinkRecord: Array<Customer>;
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
  /** One customer by id; an id that merged into another resolves to the survivor. Null when unknown. */
  customer?: Maybe<Customer>;
  /** Every customer, newest first (by creation time). `first` defaults to 20, at most 100. */
  customers: CustomerConnection;
  /** Which records make up a customer, and by which rule and evidence they were linked or kept apart. */
  explainCustomer?: Maybe<CustomerExplanation>;
  /** The customer holding an identifier, normalised as `omnidex resolve` normalises it; null when none does. */
  findCustomer?: Maybe<Customer>;
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


export type QueryFindCustomerArgs = {
  by: CustomerLookup;
};

export type RecordLink = {
  __typename?: 'RecordLink';
  a: Scalars['ID']['output'];
  b: Scalars['ID']['output'];
  explanation?: Maybe<Scalars['String']['output']>;
  identifierType?: Maybe<IdentifierType>;
  identifierValue?: Maybe<Scalars['String']['output']>;
  /** identifier | fuzzy */
  rule: Scalars['String']['output'];
  /** The fuzzy score and its explanation, for fuzzy links. */
  score?: Maybe<Scalars['Float']['output']>;
};

export type ResolutionDecision = {
  __typename?: 'ResolutionDecision';
  /** The decision's evidence as JSON. */
  evidence: Scalars['String']['output'];
  /** placeholder | non-unique | different-people | cluster-conflict | manual | block-too-large */
  rule: Scalars['String']['output'];
  /** What happened, in one sentence. */
  summary: Scalars['String']['output'];
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
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Customer:
    ( { __typename: 'Customer' }
    & GraphQLRecursivePick<FederationTypes['Customer'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Channel: null;
  CrmCase: ResolverTypeWrapper<CrmCase>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CrmContact: ResolverTypeWrapper<CrmContact>;
  Customer: ResolverTypeWrapper<CustomerDoc>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CustomerConnection: ResolverTypeWrapper<CustomerConnectionModel>;
  CustomerEdge: ResolverTypeWrapper<Omit<CustomerEdge, 'node'> & { node: ResolversTypes['Customer'] }>;
  CustomerExplanation: ResolverTypeWrapper<CustomerExplanationModel>;
  CustomerFilter: CustomerFilter;
  CustomerIdentifier: ResolverTypeWrapper<CustomerIdentifierDoc>;
  CustomerLookup: CustomerLookup;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  IdentifierType: null;
  LinkedRecord: ResolverTypeWrapper<Omit<LinkedRecord, 'identifiers'> & { identifiers: Array<ResolversTypes['CustomerIdentifier']> }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PosShopper: ResolverTypeWrapper<PosShopper>;
  PosTransaction: ResolverTypeWrapper<PosTransaction>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordLink: ResolverTypeWrapper<RecordLink>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ResolutionDecision: ResolverTypeWrapper<GuardDecision>;
  TimelineConnection: ResolverTypeWrapper<TimelineConnectionModel>;
  TimelineEdge: ResolverTypeWrapper<Omit<TimelineEdge, 'node'> & { node: ResolversTypes['TimelineEntry'] }>;
  TimelineEntry: ResolverTypeWrapper<ActivityDoc>;
  TimelineKind: null;
  WebSession: ResolverTypeWrapper<WebSession>;
  WebVisitor: ResolverTypeWrapper<WebVisitor>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  CrmCase: CrmCase;
  ID: Scalars['ID']['output'];
  CrmContact: CrmContact;
  Customer: CustomerDoc;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  CustomerConnection: CustomerConnectionModel;
  CustomerEdge: Omit<CustomerEdge, 'node'> & { node: ResolversParentTypes['Customer'] };
  CustomerExplanation: CustomerExplanationModel;
  CustomerFilter: CustomerFilter;
  CustomerIdentifier: CustomerIdentifierDoc;
  CustomerLookup: CustomerLookup;
  DateTime: Scalars['DateTime']['output'];
  LinkedRecord: Omit<LinkedRecord, 'identifiers'> & { identifiers: Array<ResolversParentTypes['CustomerIdentifier']> };
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PosShopper: PosShopper;
  PosTransaction: PosTransaction;
  Query: Record<PropertyKey, never>;
  RecordLink: RecordLink;
  Float: Scalars['Float']['output'];
  ResolutionDecision: GuardDecision;
  TimelineConnection: TimelineConnectionModel;
  TimelineEdge: Omit<TimelineEdge, 'node'> & { node: ResolversParentTypes['TimelineEntry'] };
  TimelineEntry: ActivityDoc;
  WebSession: WebSession;
  WebVisitor: WebVisitor;
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
  identifiers?: Resolver<Array<ResolversTypes['CustomerIdentifier']>, ParentType, ContextType>;
  mergedFrom?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  posShoppers?: Resolver<Array<ResolversTypes['PosShopper']>, ParentType, ContextType>;
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

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type IdentifierTypeResolvers = { CRM_CONTACT_ID: 'crmContactId', EMAIL: 'email', LOYALTY_ID: 'loyaltyId', PHONE: 'phone', POS_CARD_TOKEN: 'cardToken', WEB_USER_ID: 'webUserId', WEB_VISITOR_ID: 'webVisitorId' };

export type LinkedRecordResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['LinkedRecord'] = ResolversParentTypes['LinkedRecord']> = ResolversObject<{
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifiers?: Resolver<Array<ResolversTypes['CustomerIdentifier']>, ParentType, ContextType>;
  key?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  splitCustomer?: Resolver<Array<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<MutationSplitCustomerArgs, 'id' | 'parts'>>;
  unlinkRecord?: Resolver<Array<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<MutationUnlinkRecordArgs, 'customerId' | 'record'>>;
}>;

export type PageInfoResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PosShopperResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['PosShopper'] = ResolversParentTypes['PosShopper']> = ResolversObject<{
  shopperKey?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PosTransactionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['PosTransaction'] = ResolversParentTypes['PosTransaction']> = ResolversObject<{
  transactionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryCustomerArgs, 'id'>>;
  customers?: Resolver<ResolversTypes['CustomerConnection'], ParentType, ContextType, RequireFields<QueryCustomersArgs, 'first'>>;
  explainCustomer?: Resolver<Maybe<ResolversTypes['CustomerExplanation']>, ParentType, ContextType, RequireFields<QueryExplainCustomerArgs, 'id'>>;
  findCustomer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryFindCustomerArgs, 'by'>>;
}>;

export type RecordLinkResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['RecordLink'] = ResolversParentTypes['RecordLink']> = ResolversObject<{
  a?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  b?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  explanation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  identifierType?: Resolver<Maybe<ResolversTypes['IdentifierType']>, ParentType, ContextType>;
  identifierValue?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type ResolutionDecisionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['ResolutionDecision'] = ResolversParentTypes['ResolutionDecision']> = ResolversObject<{
  evidence?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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
  Channel?: ChannelResolvers;
  CrmCase?: CrmCaseResolvers<ContextType>;
  CrmContact?: CrmContactResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  CustomerConnection?: CustomerConnectionResolvers<ContextType>;
  CustomerEdge?: CustomerEdgeResolvers<ContextType>;
  CustomerExplanation?: CustomerExplanationResolvers<ContextType>;
  CustomerIdentifier?: CustomerIdentifierResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  IdentifierType?: IdentifierTypeResolvers;
  LinkedRecord?: LinkedRecordResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PosShopper?: PosShopperResolvers<ContextType>;
  PosTransaction?: PosTransactionResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RecordLink?: RecordLinkResolvers<ContextType>;
  ResolutionDecision?: ResolutionDecisionResolvers<ContextType>;
  TimelineConnection?: TimelineConnectionResolvers<ContextType>;
  TimelineEdge?: TimelineEdgeResolvers<ContextType>;
  TimelineEntry?: TimelineEntryResolvers<ContextType>;
  TimelineKind?: TimelineKindResolvers;
  WebSession?: WebSessionResolvers<ContextType>;
  WebVisitor?: WebVisitorResolvers<ContextType>;
}>;

