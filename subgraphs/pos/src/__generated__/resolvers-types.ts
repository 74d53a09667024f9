import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PosShopperModel } from '../models/shopper';
import type { PosMemberDoc, PosTransactionDoc, PosLineDoc } from '../../../../src/contract/documents';
import type { PosCustomerReference, PosCustomerFactsModel } from '../models/customer';
import type { PosShopperConnectionModel, PosTransactionConnectionModel } from '../models/connections';
import type { ReportReference } from '../../../../src/insights/report';
import type { PosContext } from '../context';
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

/** A customer of the identity subgraph; the stores add what the insights subgraph reads of it. */
export type Customer = {
  __typename?: 'Customer';
  id: Scalars['ID']['output'];
  /**
   * The customer's store records in one piece, unpaginated: what the insights subgraph's profile,
   * index and metrics read (through its own `@requires`). Hidden from clients (`@inaccessible`): they
   * page through `posShoppers { transactions }`.
   */
  posFacts?: Maybe<PosCustomerFacts>;
  posMembers: Array<PosMember>;
  posTransactions: Array<PosTransaction>;
};

/**
 * A portfolio-level Integration Index report; its id carries the report's parameters. Each subgraph
 * adds its partial tallies, which the insights subgraph @requires and combines.
 */
export type IntegrationIndexReport = {
  __typename?: 'IntegrationIndexReport';
  id: Scalars['ID']['output'];
  /** Every loyalty member as a profile row and each receipt in the report's windows. */
  posPart: Scalars['ReportPart']['output'];
};

/** An amount of money in one currency (currencies are never converted). */
export type Money = {
  __typename?: 'Money';
  amount: Scalars['Float']['output'];
  /** ISO 4217 code, e.g. EUR. */
  currency: Scalars['String']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to read the next page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PosCustomerFacts = {
  __typename?: 'PosCustomerFacts';
  /** The loyalty members resolved to the customer (its store profile records). */
  members: Array<PosMemberFact>;
  /** Every receipt resolved to the customer (not every receipt of a shared payment card). */
  transactions: Array<PosTransaction>;
};

export type PosLine = {
  __typename?: 'PosLine';
  /** quantity × unit price. */
  amount: Money;
  /** Units sold or returned (may be fractional, e.g. weighed goods). */
  quantity: Scalars['Float']['output'];
  sku: Scalars['String']['output'];
  unitPrice: Money;
};

/** A loyalty programme member's profile. */
export type PosMember = {
  __typename?: 'PosMember';
  country?: Maybe<Scalars['String']['output']>;
  email?: Maybe<Scalars['String']['output']>;
  enrolledAt: Scalars['DateTime']['output'];
  firstName?: Maybe<Scalars['String']['output']>;
  /** First and last name joined, when both are known. */
  fullName?: Maybe<Scalars['String']['output']>;
  lastName?: Maybe<Scalars['String']['output']>;
  loyaltyId: Scalars['ID']['output'];
  phone?: Maybe<Scalars['String']['output']>;
  postalCode?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

/**
 * What the insights subgraph reads of a loyalty member: a profile record for the golden profile and the
 * index's consistency. Readable whoever asks, even a caller with no role (no `@auth`): it is `@inaccessible`, so
 * only the gateway's query plan for insights ever reads it, and clients see what insights derives from
 * it under insights' own field rules, never these values.
 */
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

/**
 * Someone who buys in the stores, as the point of sale can tell them apart: by loyalty card, else by
 * payment card, else one receipt.
 */
export type PosShopper = {
  __typename?: 'PosShopper';
  cardToken?: Maybe<Scalars['String']['output']>;
  kind: PosShopperKind;
  loyaltyId?: Maybe<Scalars['String']['output']>;
  /** The loyalty programme's profile, for a loyalty member who enrolled. */
  member?: Maybe<PosMember>;
  shopperKey: Scalars['ID']['output'];
  /** The shopper's receipts and returns, newest first. `first` defaults to 20, at most 100. */
  transactions: PosTransactionConnection;
};


/**
 * Someone who buys in the stores, as the point of sale can tell them apart: by loyalty card, else by
 * payment card, else one receipt.
 */
export type PosShopperTransactionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type PosShopperConnection = {
  __typename?: 'PosShopperConnection';
  edges: Array<PosShopperEdge>;
  pageInfo: PageInfo;
};

export type PosShopperEdge = {
  __typename?: 'PosShopperEdge';
  cursor: Scalars['String']['output'];
  node: PosShopper;
};

/** How the stores recognise a shopper. */
export type PosShopperKind =
  /** Neither: the receipt is a shopper of its own (`receipt:<transactionId>`). */
  | 'receipt'
  /** Scanned a loyalty card (`loyalty:<loyaltyId>`). */
  | 'loyalty'
  /** Paid with a payment card, no loyalty card (`card:<cardToken>`). */
  | 'card';

/** One receipt: a sale or a return, with its line items. */
export type PosTransaction = {
  __typename?: 'PosTransaction';
  at: Scalars['DateTime']['output'];
  cardToken?: Maybe<Scalars['String']['output']>;
  lines: Array<PosLine>;
  loyaltyId?: Maybe<Scalars['String']['output']>;
  receiptEmail?: Maybe<Scalars['String']['output']>;
  /** A loyalty id or a receipt email identifies the customer (a payment card alone does not). */
  recognised: Scalars['Boolean']['output'];
  shopper: PosShopper;
  storeId: Scalars['String']['output'];
  /** Σ quantity × unit price over the lines, one amount per currency; positive for returns too. */
  totals: Array<Money>;
  transactionId: Scalars['ID']['output'];
  type: PosTransactionType;
};

export type PosTransactionConnection = {
  __typename?: 'PosTransactionConnection';
  edges: Array<PosTransactionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type PosTransactionEdge = {
  __typename?: 'PosTransactionEdge';
  cursor: Scalars['String']['output'];
  node: PosTransaction;
};

export type PosTransactionType =
  | 'return'
  | 'sale';

export type Query = {
  __typename?: 'Query';
  /**
   * One in-store shopper by key: `loyalty:<loyaltyId>`, `card:<cardToken>` or `receipt:<transactionId>`.
   * Null when the stores know no such shopper.
   */
  posShopper?: Maybe<PosShopper>;
  /** Every in-store shopper, ordered by key. `first` defaults to 20, at most 100. */
  posShoppers: PosShopperConnection;
  /** One receipt by its transaction id; null when there is no such transaction. */
  posTransaction?: Maybe<PosTransaction>;
};


export type QueryPosShopperArgs = {
  shopperKey: Scalars['ID']['input'];
};


export type QueryPosShoppersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPosTransactionArgs = {
  transactionId: Scalars['ID']['input'];
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
  PosMember: PosMember;
  PosShopper: PosShopper;
  PosTransaction: PosTransaction;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Customer:
    ( { __typename: 'Customer' }
    & GraphQLRecursivePick<FederationTypes['Customer'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Customer'], {"posMembers":{"loyaltyId":true},"posTransactions":{"transactionId":true}}> ) );
  IntegrationIndexReport:
    ( { __typename: 'IntegrationIndexReport' }
    & GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"id":true}> );
  PosMember:
    ( { __typename: 'PosMember' }
    & GraphQLRecursivePick<FederationTypes['PosMember'], {"loyaltyId":true}> );
  PosShopper:
    ( { __typename: 'PosShopper' }
    & GraphQLRecursivePick<FederationTypes['PosShopper'], {"shopperKey":true}> );
  PosTransaction:
    ( { __typename: 'PosTransaction' }
    & GraphQLRecursivePick<FederationTypes['PosTransaction'], {"transactionId":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Customer: ResolverTypeWrapper<PosCustomerReference>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  IntegrationIndexReport: ResolverTypeWrapper<ReportReference>;
  Money: ResolverTypeWrapper<Money>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PosCustomerFacts: ResolverTypeWrapper<PosCustomerFactsModel>;
  PosLine: ResolverTypeWrapper<PosLineDoc>;
  PosMember: ResolverTypeWrapper<PosMemberDoc>;
  PosMemberFact: ResolverTypeWrapper<PosMemberDoc>;
  PosShopper: ResolverTypeWrapper<PosShopperModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  PosShopperConnection: ResolverTypeWrapper<PosShopperConnectionModel>;
  PosShopperEdge: ResolverTypeWrapper<Omit<PosShopperEdge, 'node'> & { node: ResolversTypes['PosShopper'] }>;
  PosShopperKind: null;
  PosTransaction: ResolverTypeWrapper<PosTransactionDoc>;
  PosTransactionConnection: ResolverTypeWrapper<PosTransactionConnectionModel>;
  PosTransactionEdge: ResolverTypeWrapper<Omit<PosTransactionEdge, 'node'> & { node: ResolversTypes['PosTransaction'] }>;
  PosTransactionType: null;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReportPart: ResolverTypeWrapper<Scalars['ReportPart']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Customer: PosCustomerReference;
  ID: Scalars['ID']['output'];
  DateTime: Scalars['DateTime']['output'];
  IntegrationIndexReport: ReportReference;
  Money: Money;
  Float: Scalars['Float']['output'];
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PosCustomerFacts: PosCustomerFactsModel;
  PosLine: PosLineDoc;
  PosMember: PosMemberDoc;
  PosMemberFact: PosMemberDoc;
  PosShopper: PosShopperModel;
  Int: Scalars['Int']['output'];
  PosShopperConnection: PosShopperConnectionModel;
  PosShopperEdge: Omit<PosShopperEdge, 'node'> & { node: ResolversParentTypes['PosShopper'] };
  PosTransaction: PosTransactionDoc;
  PosTransactionConnection: PosTransactionConnectionModel;
  PosTransactionEdge: Omit<PosTransactionEdge, 'node'> & { node: ResolversParentTypes['PosTransaction'] };
  Query: Record<PropertyKey, never>;
  ReportPart: Scalars['ReportPart']['output'];
  String: Scalars['String']['output'];
}>;

export type AuthDirectiveArgs = {
  consent?: Maybe<Scalars['String']['input']>;
  consented?: Maybe<Array<Scalars['String']['input']>>;
  requires: Array<Scalars['String']['input']>;
};

export type AuthDirectiveResolver<Result, Parent, ContextType = PosContext, Args = AuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type NotPersonalDirectiveArgs = {
  why: Scalars['String']['input'];
};

export type NotPersonalDirectiveResolver<Result, Parent, ContextType = PosContext, Args = NotPersonalDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PersonalDirectiveArgs = { };

export type PersonalDirectiveResolver<Result, Parent, ContextType = PosContext, Args = PersonalDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CustomerResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer'], FederationReferenceType extends FederationReferenceTypes['Customer'] = FederationReferenceTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  posFacts?: Resolver<Maybe<ResolversTypes['PosCustomerFacts']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type IntegrationIndexReportResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['IntegrationIndexReport'] = ResolversParentTypes['IntegrationIndexReport'], FederationReferenceType extends FederationReferenceTypes['IntegrationIndexReport'] = FederationReferenceTypes['IntegrationIndexReport']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['IntegrationIndexReport']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  posPart?: Resolver<ResolversTypes['ReportPart'], ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PosCustomerFactsResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['PosCustomerFacts'] = ResolversParentTypes['PosCustomerFacts']> = ResolversObject<{
  members?: Resolver<Array<ResolversTypes['PosMemberFact']>, ParentType, ContextType>;
  transactions?: Resolver<Array<ResolversTypes['PosTransaction']>, ParentType, ContextType>;
}>;

export type PosLineResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['PosLine'] = ResolversParentTypes['PosLine']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type PosMemberResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['PosMember'] = ResolversParentTypes['PosMember'], FederationReferenceType extends FederationReferenceTypes['PosMember'] = FederationReferenceTypes['PosMember']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PosMember']> | FederationReferenceType, FederationReferenceType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  enrolledAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fullName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  loyaltyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postalCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type PosMemberFactResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['PosMemberFact'] = ResolversParentTypes['PosMemberFact']> = ResolversObject<{
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  loyaltyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postalCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type PosShopperResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['PosShopper'] = ResolversParentTypes['PosShopper'], FederationReferenceType extends FederationReferenceTypes['PosShopper'] = FederationReferenceTypes['PosShopper']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PosShopper']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cardToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PosShopperKind'], ParentType, ContextType>;
  loyaltyId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  member?: Resolver<Maybe<ResolversTypes['PosMember']>, ParentType, ContextType>;
  shopperKey?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  transactions?: Resolver<ResolversTypes['PosTransactionConnection'], ParentType, ContextType, RequireFields<PosShopperTransactionsArgs, 'first'>>;
}>;

export type PosShopperConnectionResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['PosShopperConnection'] = ResolversParentTypes['PosShopperConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['PosShopperEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type PosShopperEdgeResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['PosShopperEdge'] = ResolversParentTypes['PosShopperEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['PosShopper'], ParentType, ContextType>;
}>;

export type PosShopperKindResolvers = { ANONYMOUS: 'receipt', LOYALTY_MEMBER: 'loyalty', PAYMENT_CARD: 'card' };

export type PosTransactionResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['PosTransaction'] = ResolversParentTypes['PosTransaction'], FederationReferenceType extends FederationReferenceTypes['PosTransaction'] = FederationReferenceTypes['PosTransaction']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PosTransaction']> | FederationReferenceType, FederationReferenceType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cardToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['PosLine']>, ParentType, ContextType>;
  loyaltyId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  receiptEmail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recognised?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  shopper?: Resolver<ResolversTypes['PosShopper'], ParentType, ContextType>;
  storeId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  totals?: Resolver<Array<ResolversTypes['Money']>, ParentType, ContextType>;
  transactionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['PosTransactionType'], ParentType, ContextType>;
}>;

export type PosTransactionConnectionResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['PosTransactionConnection'] = ResolversParentTypes['PosTransactionConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['PosTransactionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type PosTransactionEdgeResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['PosTransactionEdge'] = ResolversParentTypes['PosTransactionEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['PosTransaction'], ParentType, ContextType>;
}>;

export type PosTransactionTypeResolvers = { RETURN: 'return', SALE: 'sale' };

export type QueryResolvers<ContextType = PosContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  posShopper?: Resolver<Maybe<ResolversTypes['PosShopper']>, ParentType, ContextType, RequireFields<QueryPosShopperArgs, 'shopperKey'>>;
  posShoppers?: Resolver<ResolversTypes['PosShopperConnection'], ParentType, ContextType, RequireFields<QueryPosShoppersArgs, 'first'>>;
  posTransaction?: Resolver<Maybe<ResolversTypes['PosTransaction']>, ParentType, ContextType, RequireFields<QueryPosTransactionArgs, 'transactionId'>>;
}>;

export interface ReportPartScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['ReportPart'], any> {
  name: 'ReportPart';
}

export type Resolvers<ContextType = PosContext> = ResolversObject<{
  Customer?: CustomerResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  IntegrationIndexReport?: IntegrationIndexReportResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PosCustomerFacts?: PosCustomerFactsResolvers<ContextType>;
  PosLine?: PosLineResolvers<ContextType>;
  PosMember?: PosMemberResolvers<ContextType>;
  PosMemberFact?: PosMemberFactResolvers<ContextType>;
  PosShopper?: PosShopperResolvers<ContextType>;
  PosShopperConnection?: PosShopperConnectionResolvers<ContextType>;
  PosShopperEdge?: PosShopperEdgeResolvers<ContextType>;
  PosShopperKind?: PosShopperKindResolvers;
  PosTransaction?: PosTransactionResolvers<ContextType>;
  PosTransactionConnection?: PosTransactionConnectionResolvers<ContextType>;
  PosTransactionEdge?: PosTransactionEdgeResolvers<ContextType>;
  PosTransactionType?: PosTransactionTypeResolvers;
  Query?: QueryResolvers<ContextType>;
  ReportPart?: GraphQLScalarType;
}>;

export type DirectiveResolvers<ContextType = PosContext> = ResolversObject<{
  auth?: AuthDirectiveResolver<any, any, ContextType>;
  notPersonal?: NotPersonalDirectiveResolver<any, any, ContextType>;
  personal?: PersonalDirectiveResolver<any, any, ContextType>;
}>;
