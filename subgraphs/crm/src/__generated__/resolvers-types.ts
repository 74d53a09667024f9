import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CrmContactDoc, CrmCaseDoc, TranscriptMessage } from '../../../../src/contract/documents';
import type { CrmCaseInput } from '../../../../src/insights/inputs';
import type { CrmCustomerReference, CrmCustomerFactsModel } from '../models/customer';
import type { CrmContactConnectionModel, CrmCaseConnectionModel } from '../models/connections';
import type { ReportReference } from '../../../../src/insights/report';
import type { CrmContext } from '../context';
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
  /** Compact partial results of an integration index report (arrays of short tuples), for the insights subgraph only. */
  ReportPart: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A service case: one conversation of a contact with customer service. */
export type CrmCase = {
  __typename?: 'CrmCase';
  caseId: Scalars['ID']['output'];
  channel: CrmCaseChannel;
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  contact: CrmContact;
  /** Customer satisfaction, 1 (worst) to 5 (best); null when the customer did not rate the case. */
  csat?: Maybe<Scalars['Int']['output']>;
  openedAt: Scalars['DateTime']['output'];
  status: CrmCaseStatus;
  subject?: Maybe<Scalars['String']['output']>;
  /** The case's messages in the order they were written. */
  transcript?: Maybe<Array<CrmTranscriptMessage>>;
};

export type CrmCaseChannel =
  | 'chat'
  | 'email'
  | 'phone'
  | 'store';

export type CrmCaseConnection = {
  __typename?: 'CrmCaseConnection';
  edges: Array<CrmCaseEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type CrmCaseEdge = {
  __typename?: 'CrmCaseEdge';
  cursor: Scalars['String']['output'];
  node: CrmCase;
};

/** What the Integration Index reads of a service case. */
export type CrmCaseFact = {
  __typename?: 'CrmCaseFact';
  caseId: Scalars['ID']['output'];
  contactId: Scalars['ID']['output'];
  /** 1–5 when the customer rated the case. */
  csat?: Maybe<Scalars['Int']['output']>;
  openedAt: Scalars['DateTime']['output'];
};

export type CrmCaseStatus =
  | 'closed'
  | 'open'
  | 'resolved';

/** Marketing consents; null when the CRM recorded no answer. */
export type CrmConsents = {
  __typename?: 'CrmConsents';
  email?: Maybe<Scalars['Boolean']['output']>;
  sms?: Maybe<Scalars['Boolean']['output']>;
};

/** A contact record of the CRM, as the CRM holds it (not merged with other channels). */
export type CrmContact = {
  __typename?: 'CrmContact';
  /** YYYY-MM-DD. */
  birthDate?: Maybe<Scalars['String']['output']>;
  /** The contact's service cases, newest first (by opening time). `first` defaults to 20, at most 100. */
  cases: CrmCaseConnection;
  consents: CrmConsents;
  contactId: Scalars['ID']['output'];
  /** ISO 3166-1 alpha-2 country code. */
  country?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  email?: Maybe<Scalars['String']['output']>;
  firstName?: Maybe<Scalars['String']['output']>;
  /** First and last name joined, when the CRM holds both. */
  fullName?: Maybe<Scalars['String']['output']>;
  lastName?: Maybe<Scalars['String']['output']>;
  /** The loyalty id the CRM recorded for this contact, if any. */
  loyaltyId?: Maybe<Scalars['String']['output']>;
  /**
   * The stores' shopper with the loyalty id the CRM recorded (resolved by the pos subgraph); null when
   * the contact has no loyalty id or the stores do not know it.
   */
  loyaltyShopper?: Maybe<PosShopper>;
  phone?: Maybe<Scalars['String']['output']>;
  postalCode?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};


/** A contact record of the CRM, as the CRM holds it (not merged with other channels). */
export type CrmContactCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type CrmContactConnection = {
  __typename?: 'CrmContactConnection';
  edges: Array<CrmContactEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type CrmContactEdge = {
  __typename?: 'CrmContactEdge';
  cursor: Scalars['String']['output'];
  node: CrmContact;
};

/**
 * What the insights subgraph reads of a CRM contact: a profile record for the golden profile and the
 * index's consistency. Readable whoever asks, even a caller with no role (no `@auth`): it is `@inaccessible`, so
 * only the gateway's query plan for insights ever reads it, and clients see what insights derives from
 * it under insights' own field rules, never these values.
 */
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
  /** Every case of those contacts, newest first, without transcripts. */
  cases: Array<CrmCaseFact>;
  /** The customer's contacts (its CRM profile records). */
  contacts: Array<CrmContactFact>;
};

export type CrmMessageAuthor =
  | 'agent'
  | 'customer';

export type CrmTranscriptMessage = {
  __typename?: 'CrmTranscriptMessage';
  at: Scalars['DateTime']['output'];
  from: CrmMessageAuthor;
  text: Scalars['String']['output'];
};

/** A customer of the identity subgraph; the CRM adds what the insights subgraph reads of it. */
export type Customer = {
  __typename?: 'Customer';
  crmContacts: Array<CrmContact>;
  /**
   * The customer's CRM records in one piece, unpaginated: what the insights subgraph's profile, index
   * and metrics read (through its own `@requires`). Hidden from clients (`@inaccessible`): they page
   * through `crmContacts { cases }`.
   */
  crmFacts?: Maybe<CrmCustomerFacts>;
  id: Scalars['ID']['output'];
};

/**
 * A portfolio-level Integration Index report; its id carries the report's parameters. Each subgraph
 * adds its partial tallies, which the insights subgraph @requires and combines.
 */
export type IntegrationIndexReport = {
  __typename?: 'IntegrationIndexReport';
  /** Every contact as a profile row and the cases in the report's windows per contact. */
  crmPart: Scalars['ReportPart']['output'];
  id: Scalars['ID']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to read the next page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A shopper of the pos subgraph, referenced by key only: the CRM never resolves it itself. */
export type PosShopper = {
  __typename?: 'PosShopper';
  shopperKey: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** One service case by its CRM id; null when the CRM has no such case. */
  crmCase?: Maybe<CrmCase>;
  /** One CRM contact by its CRM id; null when the CRM has no such contact. */
  crmContact?: Maybe<CrmContact>;
  /** Every CRM contact, newest first (by creation time). `first` defaults to 20, at most 100. */
  crmContacts: CrmContactConnection;
};


export type QueryCrmCaseArgs = {
  caseId: Scalars['ID']['input'];
};


export type QueryCrmContactArgs = {
  contactId: Scalars['ID']['input'];
};


export type QueryCrmContactsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
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
  CrmCase: CrmCase;
  CrmContact: CrmContact;
  Customer: Customer;
  IntegrationIndexReport: IntegrationIndexReport;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  CrmCase:
    ( { __typename: 'CrmCase' }
    & GraphQLRecursivePick<FederationTypes['CrmCase'], {"caseId":true}> );
  CrmContact:
    ( { __typename: 'CrmContact' }
    & GraphQLRecursivePick<FederationTypes['CrmContact'], {"contactId":true}> );
  Customer:
    ( { __typename: 'Customer' }
    & GraphQLRecursivePick<FederationTypes['Customer'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Customer'], {"crmContacts":{"contactId":true}}> ) );
  IntegrationIndexReport:
    ( { __typename: 'IntegrationIndexReport' }
    & GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CrmCase: ResolverTypeWrapper<CrmCaseDoc>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CrmCaseChannel: null;
  CrmCaseConnection: ResolverTypeWrapper<CrmCaseConnectionModel>;
  CrmCaseEdge: ResolverTypeWrapper<Omit<CrmCaseEdge, 'node'> & { node: ResolversTypes['CrmCase'] }>;
  CrmCaseFact: ResolverTypeWrapper<CrmCaseInput>;
  CrmCaseStatus: null;
  CrmConsents: ResolverTypeWrapper<CrmConsents>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CrmContact: ResolverTypeWrapper<CrmContactDoc>;
  CrmContactConnection: ResolverTypeWrapper<CrmContactConnectionModel>;
  CrmContactEdge: ResolverTypeWrapper<Omit<CrmContactEdge, 'node'> & { node: ResolversTypes['CrmContact'] }>;
  CrmContactFact: ResolverTypeWrapper<CrmContactDoc>;
  CrmCustomerFacts: ResolverTypeWrapper<CrmCustomerFactsModel>;
  CrmMessageAuthor: null;
  CrmTranscriptMessage: ResolverTypeWrapper<TranscriptMessage>;
  Customer: ResolverTypeWrapper<CrmCustomerReference>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  IntegrationIndexReport: ResolverTypeWrapper<ReportReference>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PosShopper: ResolverTypeWrapper<PosShopper>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReportPart: ResolverTypeWrapper<Scalars['ReportPart']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  CrmCase: CrmCaseDoc;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  CrmCaseConnection: CrmCaseConnectionModel;
  CrmCaseEdge: Omit<CrmCaseEdge, 'node'> & { node: ResolversParentTypes['CrmCase'] };
  CrmCaseFact: CrmCaseInput;
  CrmConsents: CrmConsents;
  Boolean: Scalars['Boolean']['output'];
  CrmContact: CrmContactDoc;
  CrmContactConnection: CrmContactConnectionModel;
  CrmContactEdge: Omit<CrmContactEdge, 'node'> & { node: ResolversParentTypes['CrmContact'] };
  CrmContactFact: CrmContactDoc;
  CrmCustomerFacts: CrmCustomerFactsModel;
  CrmTranscriptMessage: TranscriptMessage;
  Customer: CrmCustomerReference;
  DateTime: Scalars['DateTime']['output'];
  IntegrationIndexReport: ReportReference;
  PageInfo: PageInfo;
  PosShopper: PosShopper;
  Query: Record<PropertyKey, never>;
  ReportPart: Scalars['ReportPart']['output'];
  String: Scalars['String']['output'];
}>;

export type AuthDirectiveArgs = {
  consent?: Maybe<Scalars['String']['input']>;
  consented?: Maybe<Array<Scalars['String']['input']>>;
  requires: Array<Scalars['String']['input']>;
};

export type AuthDirectiveResolver<Result, Parent, ContextType = CrmContext, Args = AuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type NotPersonalDirectiveArgs = {
  why: Scalars['String']['input'];
};

export type NotPersonalDirectiveResolver<Result, Parent, ContextType = CrmContext, Args = NotPersonalDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PersonalDirectiveArgs = { };

export type PersonalDirectiveResolver<Result, Parent, ContextType = CrmContext, Args = PersonalDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CrmCaseResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['CrmCase'] = ResolversParentTypes['CrmCase'], FederationReferenceType extends FederationReferenceTypes['CrmCase'] = FederationReferenceTypes['CrmCase']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CrmCase']> | FederationReferenceType, FederationReferenceType, ContextType>;
  caseId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['CrmCaseChannel'], ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  contact?: Resolver<ResolversTypes['CrmContact'], ParentType, ContextType>;
  csat?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CrmCaseStatus'], ParentType, ContextType>;
  subject?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  transcript?: Resolver<Maybe<Array<ResolversTypes['CrmTranscriptMessage']>>, ParentType, ContextType>;
}>;

export type CrmCaseChannelResolvers = { CHAT: 'chat', EMAIL: 'email', PHONE: 'phone', STORE: 'store' };

export type CrmCaseConnectionResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['CrmCaseConnection'] = ResolversParentTypes['CrmCaseConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['CrmCaseEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CrmCaseEdgeResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['CrmCaseEdge'] = ResolversParentTypes['CrmCaseEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CrmCase'], ParentType, ContextType>;
}>;

export type CrmCaseFactResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['CrmCaseFact'] = ResolversParentTypes['CrmCaseFact']> = ResolversObject<{
  caseId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  contactId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  csat?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type CrmCaseStatusResolvers = { CLOSED: 'closed', OPEN: 'open', RESOLVED: 'resolved' };

export type CrmConsentsResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['CrmConsents'] = ResolversParentTypes['CrmConsents']> = ResolversObject<{
  email?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  sms?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
}>;

export type CrmContactResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['CrmContact'] = ResolversParentTypes['CrmContact'], FederationReferenceType extends FederationReferenceTypes['CrmContact'] = FederationReferenceTypes['CrmContact']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CrmContact']> | FederationReferenceType, FederationReferenceType, ContextType>;
  birthDate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cases?: Resolver<ResolversTypes['CrmCaseConnection'], ParentType, ContextType, RequireFields<CrmContactCasesArgs, 'first'>>;
  consents?: Resolver<ResolversTypes['CrmConsents'], ParentType, ContextType>;
  contactId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fullName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  loyaltyId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  loyaltyShopper?: Resolver<Maybe<ResolversTypes['PosShopper']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postalCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type CrmContactConnectionResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['CrmContactConnection'] = ResolversParentTypes['CrmContactConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['CrmContactEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CrmContactEdgeResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['CrmContactEdge'] = ResolversParentTypes['CrmContactEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CrmContact'], ParentType, ContextType>;
}>;

export type CrmContactFactResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['CrmContactFact'] = ResolversParentTypes['CrmContactFact']> = ResolversObject<{
  birthDate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  contactId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  emailOptIn?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postalCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  smsOptIn?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type CrmCustomerFactsResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['CrmCustomerFacts'] = ResolversParentTypes['CrmCustomerFacts']> = ResolversObject<{
  cases?: Resolver<Array<ResolversTypes['CrmCaseFact']>, ParentType, ContextType>;
  contacts?: Resolver<Array<ResolversTypes['CrmContactFact']>, ParentType, ContextType>;
}>;

export type CrmMessageAuthorResolvers = { AGENT: 'agent', CUSTOMER: 'customer' };

export type CrmTranscriptMessageResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['CrmTranscriptMessage'] = ResolversParentTypes['CrmTranscriptMessage']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['CrmMessageAuthor'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type CustomerResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer'], FederationReferenceType extends FederationReferenceTypes['Customer'] = FederationReferenceTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  crmFacts?: Resolver<Maybe<ResolversTypes['CrmCustomerFacts']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type IntegrationIndexReportResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['IntegrationIndexReport'] = ResolversParentTypes['IntegrationIndexReport'], FederationReferenceType extends FederationReferenceTypes['IntegrationIndexReport'] = FederationReferenceTypes['IntegrationIndexReport']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['IntegrationIndexReport']> | FederationReferenceType, FederationReferenceType, ContextType>;
  crmPart?: Resolver<ResolversTypes['ReportPart'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PosShopperResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['PosShopper'] = ResolversParentTypes['PosShopper']> = ResolversObject<{
  shopperKey?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  crmCase?: Resolver<Maybe<ResolversTypes['CrmCase']>, ParentType, ContextType, RequireFields<QueryCrmCaseArgs, 'caseId'>>;
  crmContact?: Resolver<Maybe<ResolversTypes['CrmContact']>, ParentType, ContextType, RequireFields<QueryCrmContactArgs, 'contactId'>>;
  crmContacts?: Resolver<ResolversTypes['CrmContactConnection'], ParentType, ContextType, RequireFields<QueryCrmContactsArgs, 'first'>>;
}>;

export interface ReportPartScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['ReportPart'], any> {
  name: 'ReportPart';
}

export type Resolvers<ContextType = CrmContext> = ResolversObject<{
  CrmCase?: CrmCaseResolvers<ContextType>;
  CrmCaseChannel?: CrmCaseChannelResolvers;
  CrmCaseConnection?: CrmCaseConnectionResolvers<ContextType>;
  CrmCaseEdge?: CrmCaseEdgeResolvers<ContextType>;
  CrmCaseFact?: CrmCaseFactResolvers<ContextType>;
  CrmCaseStatus?: CrmCaseStatusResolvers;
  CrmConsents?: CrmConsentsResolvers<ContextType>;
  CrmContact?: CrmContactResolvers<ContextType>;
  CrmContactConnection?: CrmContactConnectionResolvers<ContextType>;
  CrmContactEdge?: CrmContactEdgeResolvers<ContextType>;
  CrmContactFact?: CrmContactFactResolvers<ContextType>;
  CrmCustomerFacts?: CrmCustomerFactsResolvers<ContextType>;
  CrmMessageAuthor?: CrmMessageAuthorResolvers;
  CrmTranscriptMessage?: CrmTranscriptMessageResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  IntegrationIndexReport?: IntegrationIndexReportResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PosShopper?: PosShopperResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReportPart?: GraphQLScalarType;
}>;

export type DirectiveResolvers<ContextType = CrmContext> = ResolversObject<{
  auth?: AuthDirectiveResolver<any, any, ContextType>;
  notPersonal?: NotPersonalDirectiveResolver<any, any, ContextType>;
  personal?: PersonalDirectiveResolver<any, any, ContextType>;
}>;
