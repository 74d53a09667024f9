/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Channel =
  | 'CRM'
  | 'POS'
  | 'WEB';

export type ComparedAttribute =
  | 'EMAIL'
  | 'FULL_NAME'
  | 'PHONE'
  | 'POSTAL_CODE';

export type CrmCaseChannel =
  | 'CHAT'
  | 'EMAIL'
  | 'PHONE'
  | 'STORE';

export type CrmCaseStatus =
  | 'CLOSED'
  | 'OPEN'
  | 'RESOLVED';

export type IdentifierType =
  | 'CRM_CONTACT_ID'
  | 'EMAIL'
  | 'LOYALTY_ID'
  | 'PHONE'
  | 'POS_CARD_TOKEN'
  | 'WEB_USER_ID'
  | 'WEB_VISITOR_ID';

/** 80–100 exemplary, 60–79.99… moderate, below 60 poor (configurable); decided on the unrounded score. */
export type IndexBand =
  | 'EXEMPLARY'
  | 'MODERATE'
  | 'POOR';

/** Which customers a report covers; the parts combine with AND. */
export type IndexReportFilter = {
  /** Customers first seen (earliest interaction) in this year ("2025") or month ("2025-03"). */
  cohort?: string | null | undefined;
  /** Customers whose golden-profile country is this ISO 3166-1 alpha-2 code. */
  country?: string | null | undefined;
  /** Customers with a POS receipt at this store in the report's window. */
  storeId?: string | null | undefined;
};

/** How the stores recognise a shopper. */
export type PosShopperKind =
  /** Neither: the receipt is a shopper of its own (`receipt:<transactionId>`). */
  | 'ANONYMOUS'
  /** Scanned a loyalty card (`loyalty:<loyaltyId>`). */
  | 'LOYALTY_MEMBER'
  /** Paid with a payment card, no loyalty card (`card:<cardToken>`). */
  | 'PAYMENT_CARD';

export type PosTransactionType =
  | 'RETURN'
  | 'SALE';

export type SearchField =
  | 'EMAIL'
  | 'LOYALTY_ID'
  | 'NAME'
  | 'PHONE'
  | 'POSTAL_CODE';

export type TimelineKind =
  /** A CRM service case (at its opening). */
  | 'CASE'
  /** A store return. */
  | 'RETURN'
  /** A store sale. */
  | 'SALE'
  /** A web session (at its first event). */
  | 'SESSION';

export type WebDevice =
  | 'DESKTOP'
  | 'MOBILE'
  | 'TABLET';

/** How a session ended. */
export type WebSessionOutcome =
  /** Something was added to the cart but no order followed. */
  | 'ABANDONED_CART'
  /** Nothing was added to the cart. */
  | 'BROWSED'
  /** At least one order was placed. */
  | 'ORDERED';

export type CustomerHeaderQueryVariables = Exact<{
  id: string | number;
}>;


export type CustomerHeaderQuery = { customer: { id: string, createdAt: string, channels: Array<Channel>, mergedFrom: Array<string> } | null };

export type IndexDashboardQueryVariables = Exact<{
  filter?: IndexReportFilter | null | undefined;
  trendMonths?: number | null | undefined;
}>;


export type IndexDashboardQuery = { integrationIndexReport: { asOf: string, windowStart: string, customers: number, indexed: number, score: number | null, band: IndexBand | null, bands: { exemplary: number, moderate: number, poor: number, none: number }, channels: Array<{ channel: Channel, engagedCustomers: number, accessibility: number | null, consistency: number | null, experience: number | null, score: number | null }>, trend: Array<{ month: string, score: number | null, indexed: number }> } | null };

export type SearchCustomersQueryVariables = Exact<{
  query: string;
  after?: string | null | undefined;
}>;


export type SearchCustomersQuery = { searchCustomers: { edges: Array<{ cursor: string, score: number, node: { id: string, createdAt: string, channels: Array<Channel> }, matches: Array<{ field: SearchField, value: string, fuzzy: boolean, highlights: Array<{ start: number, length: number }> }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type CustomerIndexQueryVariables = Exact<{
  id: string | number;
}>;


export type CustomerIndexQuery = { customer: { id: string, integrationIndex: { asOf: string, windowStart: string, score: number | null, band: IndexBand | null, engagedChannels: Array<Channel>, channels: Array<{ channel: Channel, engaged: boolean, interactions: number, accessibility: number | null, consistency: number | null, experience: number | null, score: number | null, evidence: { recognised: number, consistency: { agreed: number, record: { recordId: string, updatedAt: string } | null, compared: Array<{ attribute: ComparedAttribute, record: string | null, golden: string | null, agrees: boolean }> }, experience:
            | { __typename: 'CrmExperienceEvidence', ratedCases: number, meanCsat: number | null }
            | { __typename: 'PosExperienceEvidence', sales: number, returns: number, soldAmount: number, returnedAmount: number, byCurrency: Array<{ currency: string, sold: number, returned: number }> }
            | { __typename: 'WebExperienceEvidence', sessionsWithAddToCart: number, sessionsWithOrder: number }
           } }> } | null } | null };

export type ExplainCustomerQueryVariables = Exact<{
  id: string | number;
}>;


export type ExplainCustomerQuery = { explainCustomer: { records: Array<{ key: string, channel: Channel, kind: string, id: string, identifiers: Array<{ type: IdentifierType, value: string }> | null }>, links: Array<{ a: string, b: string, rule: string, identifierType: IdentifierType | null, identifierValue: string | null, score: number | null, explanation: string | null }>, decisions: Array<{ rule: string, summary: string }> } | null };

export type SplitCustomerMutationVariables = Exact<{
  id: string | number;
  parts: Array<Array<string | number> | string | number> | Array<string | number> | string | number;
  note?: string | null | undefined;
}>;


export type SplitCustomerMutation = { splitCustomer: Array<{ id: string }> | null };

export type UnlinkRecordMutationVariables = Exact<{
  customerId: string | number;
  record: string | number;
  note?: string | null | undefined;
}>;


export type UnlinkRecordMutation = { unlinkRecord: Array<{ id: string }> | null };

export type CustomerProfileQueryVariables = Exact<{
  id: string | number;
}>;


export type CustomerProfileQuery = { customer: { id: string, profile: { fullName: { value: string, source: Channel, recordId: string, updatedAt: string, conflicts: Array<{ value: string, source: Channel, recordId: string, updatedAt: string }> } | null, firstName: { value: string, source: Channel, recordId: string, updatedAt: string, conflicts: Array<{ value: string, source: Channel, recordId: string, updatedAt: string }> } | null, lastName: { value: string, source: Channel, recordId: string, updatedAt: string, conflicts: Array<{ value: string, source: Channel, recordId: string, updatedAt: string }> } | null, email: { value: string, source: Channel, recordId: string, updatedAt: string, conflicts: Array<{ value: string, source: Channel, recordId: string, updatedAt: string }> } | null, phone: { value: string, source: Channel, recordId: string, updatedAt: string, conflicts: Array<{ value: string, source: Channel, recordId: string, updatedAt: string }> } | null, postalCode: { value: string, source: Channel, recordId: string, updatedAt: string, conflicts: Array<{ value: string, source: Channel, recordId: string, updatedAt: string }> } | null, country: { value: string, source: Channel, recordId: string, updatedAt: string, conflicts: Array<{ value: string, source: Channel, recordId: string, updatedAt: string }> } | null, birthDate: { value: string, source: Channel, recordId: string, updatedAt: string, conflicts: Array<{ value: string, source: Channel, recordId: string, updatedAt: string }> } | null, emailOptIn: { value: boolean, source: Channel, recordId: string, updatedAt: string, conflicts: Array<{ value: boolean, source: Channel, recordId: string, updatedAt: string }> } | null, smsOptIn: { value: boolean, source: Channel, recordId: string, updatedAt: string, conflicts: Array<{ value: boolean, source: Channel, recordId: string, updatedAt: string }> } | null } | null } | null };

export type ProfileTextPartsFragment = { value: string, source: Channel, recordId: string, updatedAt: string, conflicts: Array<{ value: string, source: Channel, recordId: string, updatedAt: string }> };

export type CustomerRecordsQueryVariables = Exact<{
  id: string | number;
}>;


export type CustomerRecordsQuery = { customer: { id: string, crmContacts: Array<{ contactId: string, fullName: string | null, email: string | null, phone: string | null, postalCode: string | null, country: string | null, loyaltyId: string | null, updatedAt: string }>, webVisitors: Array<{ visitorId: string, firstSeenAt: string, lastSeenAt: string, devices: Array<WebDevice>, latestEmail: string | null, sessionCount: number, orderCount: number }>, posShoppers: Array<{ shopperKey: string, kind: PosShopperKind, member: { loyaltyId: string, fullName: string | null, email: string | null, phone: string | null, postalCode: string | null, country: string | null, updatedAt: string } | null }> } | null };

export type CustomerTimelineQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
  channels?: Array<Channel> | Channel | null | undefined;
  kinds?: Array<TimelineKind> | TimelineKind | null | undefined;
}>;


export type CustomerTimelineQuery = { customer: { id: string, timeline: { totalCount: number, edges: Array<{ cursor: string, node: { at: string, channel: Channel, kind: TimelineKind, entityId: string, crmCase: { caseId: string, subject: string | null, status: CrmCaseStatus, channel: CrmCaseChannel, csat: number | null } | null, webSession: { sessionId: string, eventCount: number, outcome: WebSessionOutcome, devices: Array<WebDevice> } | null, posTransaction: { transactionId: string, type: PosTransactionType, storeId: string, totals: Array<{ amount: number, currency: string }> } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ProfileTextPartsFragmentDoc = new TypedDocumentString(`
    fragment ProfileTextParts on ProfileText {
  value
  source
  recordId
  updatedAt
  conflicts {
    value
    source
    recordId
    updatedAt
  }
}
    `, {"fragmentName":"ProfileTextParts"}) as unknown as TypedDocumentString<ProfileTextPartsFragment, unknown>;
export const CustomerHeaderDocument = new TypedDocumentString(`
    query CustomerHeader($id: ID!) {
  customer(id: $id) {
    id
    createdAt
    channels
    mergedFrom
  }
}
    `) as unknown as TypedDocumentString<CustomerHeaderQuery, CustomerHeaderQueryVariables>;
export const IndexDashboardDocument = new TypedDocumentString(`
    query IndexDashboard($filter: IndexReportFilter, $trendMonths: Int) {
  integrationIndexReport(filter: $filter, trendMonths: $trendMonths) {
    asOf
    windowStart
    customers
    indexed
    score
    band
    bands {
      exemplary
      moderate
      poor
      none
    }
    channels {
      channel
      engagedCustomers
      accessibility
      consistency
      experience
      score
    }
    trend {
      month
      score
      indexed
    }
  }
}
    `) as unknown as TypedDocumentString<IndexDashboardQuery, IndexDashboardQueryVariables>;
export const SearchCustomersDocument = new TypedDocumentString(`
    query SearchCustomers($query: String!, $after: String) {
  searchCustomers(query: $query, first: 20, after: $after) {
    edges {
      cursor
      score
      node {
        id
        createdAt
        channels
      }
      matches {
        field
        value
        fuzzy
        highlights {
          start
          length
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<SearchCustomersQuery, SearchCustomersQueryVariables>;
export const CustomerIndexDocument = new TypedDocumentString(`
    query CustomerIndex($id: ID!) {
  customer(id: $id) {
    id
    integrationIndex {
      asOf
      windowStart
      score
      band
      engagedChannels
      channels {
        channel
        engaged
        interactions
        accessibility
        consistency
        experience
        score
        evidence {
          recognised
          consistency {
            record {
              recordId
              updatedAt
            }
            compared {
              attribute
              record
              golden
              agrees
            }
            agreed
          }
          experience {
            __typename
            ... on CrmExperienceEvidence {
              ratedCases
              meanCsat
            }
            ... on WebExperienceEvidence {
              sessionsWithAddToCart
              sessionsWithOrder
            }
            ... on PosExperienceEvidence {
              sales
              returns
              soldAmount
              returnedAmount
              byCurrency {
                currency
                sold
                returned
              }
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CustomerIndexQuery, CustomerIndexQueryVariables>;
export const ExplainCustomerDocument = new TypedDocumentString(`
    query ExplainCustomer($id: ID!) {
  explainCustomer(id: $id) {
    records {
      key
      channel
      kind
      id
      identifiers {
        type
        value
      }
    }
    links {
      a
      b
      rule
      identifierType
      identifierValue
      score
      explanation
    }
    decisions {
      rule
      summary
    }
  }
}
    `) as unknown as TypedDocumentString<ExplainCustomerQuery, ExplainCustomerQueryVariables>;
export const SplitCustomerDocument = new TypedDocumentString(`
    mutation SplitCustomer($id: ID!, $parts: [[ID!]!]!, $note: String) {
  splitCustomer(id: $id, parts: $parts, note: $note) {
    id
  }
}
    `) as unknown as TypedDocumentString<SplitCustomerMutation, SplitCustomerMutationVariables>;
export const UnlinkRecordDocument = new TypedDocumentString(`
    mutation UnlinkRecord($customerId: ID!, $record: ID!, $note: String) {
  unlinkRecord(customerId: $customerId, record: $record, note: $note) {
    id
  }
}
    `) as unknown as TypedDocumentString<UnlinkRecordMutation, UnlinkRecordMutationVariables>;
export const CustomerProfileDocument = new TypedDocumentString(`
    query CustomerProfile($id: ID!) {
  customer(id: $id) {
    id
    profile {
      fullName {
        ...ProfileTextParts
      }
      firstName {
        ...ProfileTextParts
      }
      lastName {
        ...ProfileTextParts
      }
      email {
        ...ProfileTextParts
      }
      phone {
        ...ProfileTextParts
      }
      postalCode {
        ...ProfileTextParts
      }
      country {
        ...ProfileTextParts
      }
      birthDate {
        ...ProfileTextParts
      }
      emailOptIn {
        value
        source
        recordId
        updatedAt
        conflicts {
          value
          source
          recordId
          updatedAt
        }
      }
      smsOptIn {
        value
        source
        recordId
        updatedAt
        conflicts {
          value
          source
          recordId
          updatedAt
        }
      }
    }
  }
}
    fragment ProfileTextParts on ProfileText {
  value
  source
  recordId
  updatedAt
  conflicts {
    value
    source
    recordId
    updatedAt
  }
}`) as unknown as TypedDocumentString<CustomerProfileQuery, CustomerProfileQueryVariables>;
export const CustomerRecordsDocument = new TypedDocumentString(`
    query CustomerRecords($id: ID!) {
  customer(id: $id) {
    id
    crmContacts {
      contactId
      fullName
      email
      phone
      postalCode
      country
      loyaltyId
      updatedAt
    }
    webVisitors {
      visitorId
      firstSeenAt
      lastSeenAt
      devices
      latestEmail
      sessionCount
      orderCount
    }
    posShoppers {
      shopperKey
      kind
      member {
        loyaltyId
        fullName
        email
        phone
        postalCode
        country
        updatedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CustomerRecordsQuery, CustomerRecordsQueryVariables>;
export const CustomerTimelineDocument = new TypedDocumentString(`
    query CustomerTimeline($id: ID!, $after: String, $channels: [Channel!], $kinds: [TimelineKind!]) {
  customer(id: $id) {
    id
    timeline(first: 10, after: $after, channels: $channels, kinds: $kinds) {
      totalCount
      edges {
        cursor
        node {
          at
          channel
          kind
          entityId
          crmCase {
            caseId
            subject
            status
            channel
            csat
          }
          webSession {
            sessionId
            eventCount
            outcome
            devices
          }
          posTransaction {
            transactionId
            type
            storeId
            totals {
              amount
              currency
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CustomerTimelineQuery, CustomerTimelineQueryVariables>;