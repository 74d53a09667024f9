import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { WebVisitorDoc, WebSessionDoc, WebEventDoc } from '../../../../src/contract/documents';
import type { WebSessionInput } from '../../../../src/insights/inputs';
import type { OrderFactDoc } from '../loaders';
import type { WebCustomerReference, WebCustomerFactsModel } from '../models/customer';
import type { WebVisitorConnectionModel, WebSessionConnectionModel, WebOrderConnectionModel } from '../models/connections';
import type { ReportReference } from '../../../../src/insights/report';
import type { WebContext } from '../context';
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

/** A customer of the identity subgraph; the web shop adds what the insights subgraph reads of it. */
export type Customer = {
  __typename?: 'Customer';
  id: Scalars['ID']['output'];
  /**
   * The customer's web records in one piece, unpaginated: what the insights subgraph's profile, index
   * and metrics read (through its own `@requires`). Hidden from clients (`@inaccessible`): they page
   * through `webVisitors { sessions orders }`.
   */
  webFacts?: Maybe<WebCustomerFacts>;
  webVisitors: Array<WebVisitor>;
};

/**
 * A portfolio-level Integration Index report; its id carries the report's parameters. Each subgraph
 * adds its partial tallies, which the insights subgraph @requires and combines.
 */
export type IntegrationIndexReport = {
  __typename?: 'IntegrationIndexReport';
  id: Scalars['ID']['output'];
  /** Every visitor as a profile row and the sessions in the report's windows per visitor. */
  webPart: Scalars['ReportPart']['output'];
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

export type Query = {
  __typename?: 'Query';
  /** One online order by its order id; null when there is no such order. */
  webOrder?: Maybe<WebOrder>;
  /** One browsing session by its id; null when there is no such session. */
  webSession?: Maybe<WebSession>;
  /** One web visitor (browser cookie) by its id; null when the web shop never saw it. */
  webVisitor?: Maybe<WebVisitor>;
  /** Every web visitor, newest first (by first visit). `first` defaults to 20, at most 100. */
  webVisitors: WebVisitorConnection;
};


export type QueryWebOrderArgs = {
  orderId: Scalars['ID']['input'];
};


export type QueryWebSessionArgs = {
  sessionId: Scalars['ID']['input'];
};


export type QueryWebVisitorArgs = {
  visitorId: Scalars['ID']['input'];
};


export type QueryWebVisitorsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type WebCustomerFacts = {
  __typename?: 'WebCustomerFacts';
  /** Every `order` event of those visitors (an order logged twice appears twice), newest first. */
  orders: Array<WebOrderFact>;
  /** Every session of those visitors, newest first. */
  sessions: Array<WebSessionFact>;
  /** The customer's visitors (its web profile records). */
  visitors: Array<WebVisitorFact>;
};

export type WebDevice =
  | 'desktop'
  | 'mobile'
  | 'tablet';

/** One clickstream event. */
export type WebEvent = {
  __typename?: 'WebEvent';
  /** The order's value, on `ORDER` events that carry one. */
  amount?: Maybe<Money>;
  at: Scalars['DateTime']['output'];
  device?: Maybe<WebDevice>;
  email?: Maybe<Scalars['String']['output']>;
  eventId: Scalars['ID']['output'];
  orderId?: Maybe<Scalars['String']['output']>;
  sku?: Maybe<Scalars['String']['output']>;
  type: WebEventType;
  url?: Maybe<Scalars['String']['output']>;
  userId?: Maybe<Scalars['String']['output']>;
};

export type WebEventType =
  | 'add_to_cart'
  | 'checkout'
  | 'login'
  | 'newsletter'
  | 'order'
  | 'page_view'
  | 'product_view'
  | 'search'
  | 'signup';

/** An online order: the `order` event of a session (the latest one when an order was logged twice). */
export type WebOrder = {
  __typename?: 'WebOrder';
  amount?: Maybe<Money>;
  at: Scalars['DateTime']['output'];
  /** The shop's order id; the event id for an order event that carries none. */
  orderId: Scalars['ID']['output'];
  session: WebSession;
  sku?: Maybe<Scalars['String']['output']>;
  visitor: WebVisitor;
};

export type WebOrderConnection = {
  __typename?: 'WebOrderConnection';
  edges: Array<WebOrderEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type WebOrderEdge = {
  __typename?: 'WebOrderEdge';
  cursor: Scalars['String']['output'];
  node: WebOrder;
};

/** One `order` event, as lifetime value and order counts read it. */
export type WebOrderFact = {
  __typename?: 'WebOrderFact';
  amount?: Maybe<Scalars['Float']['output']>;
  at: Scalars['DateTime']['output'];
  currency?: Maybe<Scalars['String']['output']>;
  eventId: Scalars['ID']['output'];
  /** Absent when the event carried none (the event is then an order of its own). */
  orderId?: Maybe<Scalars['String']['output']>;
};

/** The events of one visitor that share a session id. */
export type WebSession = {
  __typename?: 'WebSession';
  /** The products added to the cart, each once, in the order they were first added. */
  cartSkus: Array<Scalars['String']['output']>;
  devices: Array<WebDevice>;
  /** The latest email any of the session's events carried. */
  email?: Maybe<Scalars['String']['output']>;
  /** The session's latest event. */
  endedAt: Scalars['DateTime']['output'];
  eventCount: Scalars['Int']['output'];
  /** The session's events in time order (ties by event id). */
  events: Array<WebEvent>;
  hasAddToCart: Scalars['Boolean']['output'];
  hasOrder: Scalars['Boolean']['output'];
  /** The orders placed in the session, in time order. */
  orders: Array<WebOrder>;
  outcome: WebSessionOutcome;
  /** Some event of the session carries a user id or an email. */
  recognised: Scalars['Boolean']['output'];
  sessionId: Scalars['ID']['output'];
  /** The session's earliest event. */
  startedAt: Scalars['DateTime']['output'];
  /** The latest user id any of the session's events carried. */
  userId?: Maybe<Scalars['String']['output']>;
  visitor: WebVisitor;
};

export type WebSessionConnection = {
  __typename?: 'WebSessionConnection';
  edges: Array<WebSessionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type WebSessionEdge = {
  __typename?: 'WebSessionEdge';
  cursor: Scalars['String']['output'];
  node: WebSession;
};

/** What the Integration Index reads of a session. */
export type WebSessionFact = {
  __typename?: 'WebSessionFact';
  hasAddToCart: Scalars['Boolean']['output'];
  hasOrder: Scalars['Boolean']['output'];
  /** Some event of the session carries a user id or an email. */
  recognised: Scalars['Boolean']['output'];
  sessionId: Scalars['ID']['output'];
  /** The session's earliest event. */
  startedAt: Scalars['DateTime']['output'];
};

/** How a session ended. */
export type WebSessionOutcome =
  /** Something was added to the cart but no order followed. */
  | 'ABANDONED_CART'
  /** Nothing was added to the cart. */
  | 'BROWSED'
  /** At least one order was placed. */
  | 'ORDERED';

/** A browser (cookie) on the web shop, anonymous until one of its events carries a user id or an email. */
export type WebVisitor = {
  __typename?: 'WebVisitor';
  devices: Array<WebDevice>;
  /** Every email the visitor gave. */
  emails?: Maybe<Array<Scalars['String']['output']>>;
  firstSeenAt: Scalars['DateTime']['output'];
  lastSeenAt: Scalars['DateTime']['output'];
  /** The email on the visitor's latest event that carries one. */
  latestEmail?: Maybe<Scalars['String']['output']>;
  latestEmailAt?: Maybe<Scalars['DateTime']['output']>;
  /** Number of `order` events (an order logged twice counts twice; `orders.totalCount` counts orders). */
  orderCount: Scalars['Int']['output'];
  /** The visitor's online orders, newest first. `first` defaults to 20, at most 100. */
  orders: WebOrderConnection;
  sessionCount: Scalars['Int']['output'];
  /** The visitor's sessions, newest first (by start). `first` defaults to 20, at most 100. */
  sessions: WebSessionConnection;
  /** Every web account id the visitor logged in with. */
  userIds?: Maybe<Array<Scalars['String']['output']>>;
  visitorId: Scalars['ID']['output'];
};


/** A browser (cookie) on the web shop, anonymous until one of its events carries a user id or an email. */
export type WebVisitorOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A browser (cookie) on the web shop, anonymous until one of its events carries a user id or an email. */
export type WebVisitorSessionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type WebVisitorConnection = {
  __typename?: 'WebVisitorConnection';
  edges: Array<WebVisitorEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type WebVisitorEdge = {
  __typename?: 'WebVisitorEdge';
  cursor: Scalars['String']['output'];
  node: WebVisitor;
};

/**
 * What the insights subgraph reads of a web visitor: a profile record for the golden profile and the
 * index's consistency. Readable whoever asks, even a caller with no role (no `@auth`): it is `@inaccessible`, so
 * only the gateway's query plan for insights ever reads it, and clients see what insights derives from
 * it under insights' own field rules, never these values.
 */
export type WebVisitorFact = {
  __typename?: 'WebVisitorFact';
  /** The visitor's latest event: its time as a profile record. */
  lastSeenAt: Scalars['DateTime']['output'];
  /** The email on the visitor's latest event that carries one. */
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
  WebOrder: WebOrder;
  WebSession: WebSession;
  WebVisitor: WebVisitor;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Customer:
    ( { __typename: 'Customer' }
    & GraphQLRecursivePick<FederationTypes['Customer'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Customer'], {"webVisitors":{"visitorId":true}}> ) );
  IntegrationIndexReport:
    ( { __typename: 'IntegrationIndexReport' }
    & GraphQLRecursivePick<FederationTypes['IntegrationIndexReport'], {"id":true}> );
  WebOrder:
    ( { __typename: 'WebOrder' }
    & GraphQLRecursivePick<FederationTypes['WebOrder'], {"orderId":true}> );
  WebSession:
    ( { __typename: 'WebSession' }
    & GraphQLRecursivePick<FederationTypes['WebSession'], {"sessionId":true}> );
  WebVisitor:
    ( { __typename: 'WebVisitor' }
    & GraphQLRecursivePick<FederationTypes['WebVisitor'], {"visitorId":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Customer: ResolverTypeWrapper<WebCustomerReference>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  IntegrationIndexReport: ResolverTypeWrapper<ReportReference>;
  Money: ResolverTypeWrapper<Money>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ReportPart: ResolverTypeWrapper<Scalars['ReportPart']['output']>;
  WebCustomerFacts: ResolverTypeWrapper<WebCustomerFactsModel>;
  WebDevice: null;
  WebEvent: ResolverTypeWrapper<WebEventDoc>;
  WebEventType: null;
  WebOrder: ResolverTypeWrapper<WebEventDoc>;
  WebOrderConnection: ResolverTypeWrapper<WebOrderConnectionModel>;
  WebOrderEdge: ResolverTypeWrapper<Omit<WebOrderEdge, 'node'> & { node: ResolversTypes['WebOrder'] }>;
  WebOrderFact: ResolverTypeWrapper<OrderFactDoc>;
  WebSession: ResolverTypeWrapper<WebSessionDoc>;
  WebSessionConnection: ResolverTypeWrapper<WebSessionConnectionModel>;
  WebSessionEdge: ResolverTypeWrapper<Omit<WebSessionEdge, 'node'> & { node: ResolversTypes['WebSession'] }>;
  WebSessionFact: ResolverTypeWrapper<WebSessionInput>;
  WebSessionOutcome: WebSessionOutcome;
  WebVisitor: ResolverTypeWrapper<WebVisitorDoc>;
  WebVisitorConnection: ResolverTypeWrapper<WebVisitorConnectionModel>;
  WebVisitorEdge: ResolverTypeWrapper<Omit<WebVisitorEdge, 'node'> & { node: ResolversTypes['WebVisitor'] }>;
  WebVisitorFact: ResolverTypeWrapper<WebVisitorDoc>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Customer: WebCustomerReference;
  ID: Scalars['ID']['output'];
  DateTime: Scalars['DateTime']['output'];
  IntegrationIndexReport: ReportReference;
  Money: Money;
  Float: Scalars['Float']['output'];
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  Int: Scalars['Int']['output'];
  ReportPart: Scalars['ReportPart']['output'];
  WebCustomerFacts: WebCustomerFactsModel;
  WebEvent: WebEventDoc;
  WebOrder: WebEventDoc;
  WebOrderConnection: WebOrderConnectionModel;
  WebOrderEdge: Omit<WebOrderEdge, 'node'> & { node: ResolversParentTypes['WebOrder'] };
  WebOrderFact: OrderFactDoc;
  WebSession: WebSessionDoc;
  WebSessionConnection: WebSessionConnectionModel;
  WebSessionEdge: Omit<WebSessionEdge, 'node'> & { node: ResolversParentTypes['WebSession'] };
  WebSessionFact: WebSessionInput;
  WebVisitor: WebVisitorDoc;
  WebVisitorConnection: WebVisitorConnectionModel;
  WebVisitorEdge: Omit<WebVisitorEdge, 'node'> & { node: ResolversParentTypes['WebVisitor'] };
  WebVisitorFact: WebVisitorDoc;
  String: Scalars['String']['output'];
}>;

export type AuthDirectiveArgs = {
  consent?: Maybe<Scalars['String']['input']>;
  consented?: Maybe<Array<Scalars['String']['input']>>;
  requires: Array<Scalars['String']['input']>;
};

export type AuthDirectiveResolver<Result, Parent, ContextType = WebContext, Args = AuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type NotPersonalDirectiveArgs = {
  why: Scalars['String']['input'];
};

export type NotPersonalDirectiveResolver<Result, Parent, ContextType = WebContext, Args = NotPersonalDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PersonalDirectiveArgs = { };

export type PersonalDirectiveResolver<Result, Parent, ContextType = WebContext, Args = PersonalDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CustomerResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer'], FederationReferenceType extends FederationReferenceTypes['Customer'] = FederationReferenceTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  webFacts?: Resolver<Maybe<ResolversTypes['WebCustomerFacts']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type IntegrationIndexReportResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['IntegrationIndexReport'] = ResolversParentTypes['IntegrationIndexReport'], FederationReferenceType extends FederationReferenceTypes['IntegrationIndexReport'] = FederationReferenceTypes['IntegrationIndexReport']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['IntegrationIndexReport']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  webPart?: Resolver<ResolversTypes['ReportPart'], ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  webOrder?: Resolver<Maybe<ResolversTypes['WebOrder']>, ParentType, ContextType, RequireFields<QueryWebOrderArgs, 'orderId'>>;
  webSession?: Resolver<Maybe<ResolversTypes['WebSession']>, ParentType, ContextType, RequireFields<QueryWebSessionArgs, 'sessionId'>>;
  webVisitor?: Resolver<Maybe<ResolversTypes['WebVisitor']>, ParentType, ContextType, RequireFields<QueryWebVisitorArgs, 'visitorId'>>;
  webVisitors?: Resolver<ResolversTypes['WebVisitorConnection'], ParentType, ContextType, RequireFields<QueryWebVisitorsArgs, 'first'>>;
}>;

export interface ReportPartScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['ReportPart'], any> {
  name: 'ReportPart';
}

export type WebCustomerFactsResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebCustomerFacts'] = ResolversParentTypes['WebCustomerFacts']> = ResolversObject<{
  orders?: Resolver<Array<ResolversTypes['WebOrderFact']>, ParentType, ContextType>;
  sessions?: Resolver<Array<ResolversTypes['WebSessionFact']>, ParentType, ContextType>;
  visitors?: Resolver<Array<ResolversTypes['WebVisitorFact']>, ParentType, ContextType>;
}>;

export type WebDeviceResolvers = { DESKTOP: 'desktop', MOBILE: 'mobile', TABLET: 'tablet' };

export type WebEventResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebEvent'] = ResolversParentTypes['WebEvent']> = ResolversObject<{
  amount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  device?: Resolver<Maybe<ResolversTypes['WebDevice']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orderId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sku?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['WebEventType'], ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  userId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type WebEventTypeResolvers = { ADD_TO_CART: 'add_to_cart', CHECKOUT: 'checkout', LOGIN: 'login', NEWSLETTER: 'newsletter', ORDER: 'order', PAGE_VIEW: 'page_view', PRODUCT_VIEW: 'product_view', SEARCH: 'search', SIGNUP: 'signup' };

export type WebOrderResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebOrder'] = ResolversParentTypes['WebOrder'], FederationReferenceType extends FederationReferenceTypes['WebOrder'] = FederationReferenceTypes['WebOrder']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['WebOrder']> | FederationReferenceType, FederationReferenceType, ContextType>;
  amount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  orderId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  session?: Resolver<ResolversTypes['WebSession'], ParentType, ContextType>;
  sku?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  visitor?: Resolver<ResolversTypes['WebVisitor'], ParentType, ContextType>;
}>;

export type WebOrderConnectionResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebOrderConnection'] = ResolversParentTypes['WebOrderConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['WebOrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type WebOrderEdgeResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebOrderEdge'] = ResolversParentTypes['WebOrderEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['WebOrder'], ParentType, ContextType>;
}>;

export type WebOrderFactResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebOrderFact'] = ResolversParentTypes['WebOrderFact']> = ResolversObject<{
  amount?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orderId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type WebSessionResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebSession'] = ResolversParentTypes['WebSession'], FederationReferenceType extends FederationReferenceTypes['WebSession'] = FederationReferenceTypes['WebSession']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['WebSession']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cartSkus?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  devices?: Resolver<Array<ResolversTypes['WebDevice']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  endedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  eventCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['WebEvent']>, ParentType, ContextType>;
  hasAddToCart?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasOrder?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  orders?: Resolver<Array<ResolversTypes['WebOrder']>, ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['WebSessionOutcome'], ParentType, ContextType>;
  recognised?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  userId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  visitor?: Resolver<ResolversTypes['WebVisitor'], ParentType, ContextType>;
}>;

export type WebSessionConnectionResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebSessionConnection'] = ResolversParentTypes['WebSessionConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['WebSessionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type WebSessionEdgeResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebSessionEdge'] = ResolversParentTypes['WebSessionEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['WebSession'], ParentType, ContextType>;
}>;

export type WebSessionFactResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebSessionFact'] = ResolversParentTypes['WebSessionFact']> = ResolversObject<{
  hasAddToCart?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasOrder?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  recognised?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type WebVisitorResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebVisitor'] = ResolversParentTypes['WebVisitor'], FederationReferenceType extends FederationReferenceTypes['WebVisitor'] = FederationReferenceTypes['WebVisitor']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['WebVisitor']> | FederationReferenceType, FederationReferenceType, ContextType>;
  devices?: Resolver<Array<ResolversTypes['WebDevice']>, ParentType, ContextType>;
  emails?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  firstSeenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  lastSeenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  latestEmail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  latestEmailAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  orderCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  orders?: Resolver<ResolversTypes['WebOrderConnection'], ParentType, ContextType, RequireFields<WebVisitorOrdersArgs, 'first'>>;
  sessionCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sessions?: Resolver<ResolversTypes['WebSessionConnection'], ParentType, ContextType, RequireFields<WebVisitorSessionsArgs, 'first'>>;
  userIds?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  visitorId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type WebVisitorConnectionResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebVisitorConnection'] = ResolversParentTypes['WebVisitorConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['WebVisitorEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type WebVisitorEdgeResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebVisitorEdge'] = ResolversParentTypes['WebVisitorEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['WebVisitor'], ParentType, ContextType>;
}>;

export type WebVisitorFactResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebVisitorFact'] = ResolversParentTypes['WebVisitorFact']> = ResolversObject<{
  lastSeenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  latestEmail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  latestEmailAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  visitorId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = WebContext> = ResolversObject<{
  Customer?: CustomerResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  IntegrationIndexReport?: IntegrationIndexReportResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReportPart?: GraphQLScalarType;
  WebCustomerFacts?: WebCustomerFactsResolvers<ContextType>;
  WebDevice?: WebDeviceResolvers;
  WebEvent?: WebEventResolvers<ContextType>;
  WebEventType?: WebEventTypeResolvers;
  WebOrder?: WebOrderResolvers<ContextType>;
  WebOrderConnection?: WebOrderConnectionResolvers<ContextType>;
  WebOrderEdge?: WebOrderEdgeResolvers<ContextType>;
  WebOrderFact?: WebOrderFactResolvers<ContextType>;
  WebSession?: WebSessionResolvers<ContextType>;
  WebSessionConnection?: WebSessionConnectionResolvers<ContextType>;
  WebSessionEdge?: WebSessionEdgeResolvers<ContextType>;
  WebSessionFact?: WebSessionFactResolvers<ContextType>;
  WebVisitor?: WebVisitorResolvers<ContextType>;
  WebVisitorConnection?: WebVisitorConnectionResolvers<ContextType>;
  WebVisitorEdge?: WebVisitorEdgeResolvers<ContextType>;
  WebVisitorFact?: WebVisitorFactResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = WebContext> = ResolversObject<{
  auth?: AuthDirectiveResolver<any, any, ContextType>;
  notPersonal?: NotPersonalDirectiveResolver<any, any, ContextType>;
  personal?: PersonalDirectiveResolver<any, any, ContextType>;
}>;
