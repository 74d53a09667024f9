/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query CustomerHeader($id: ID!) {\n    customer(id: $id) {\n      id\n      createdAt\n      channels\n      mergedFrom\n    }\n  }\n": typeof types.CustomerHeaderDocument,
    "\n  query IndexDashboard($filter: IndexReportFilter, $trendMonths: Int) {\n    integrationIndexReport(filter: $filter, trendMonths: $trendMonths) {\n      asOf\n      windowStart\n      customers\n      indexed\n      score\n      band\n      bands { exemplary moderate poor none }\n      channels { channel engagedCustomers accessibility consistency experience score }\n      trend { month score indexed }\n    }\n  }\n": typeof types.IndexDashboardDocument,
    "\n  query SearchCustomers($query: String!, $after: String) {\n    searchCustomers(query: $query, first: 20, after: $after) {\n      edges {\n        cursor\n        score\n        node {\n          id\n          createdAt\n          channels\n        }\n        matches {\n          field\n          value\n          fuzzy\n          highlights {\n            start\n            length\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.SearchCustomersDocument,
    "\n  query CustomerIndex($id: ID!) {\n    customer(id: $id) {\n      id\n      integrationIndex {\n        asOf\n        windowStart\n        score\n        band\n        engagedChannels\n        channels {\n          channel\n          engaged\n          interactions\n          accessibility\n          consistency\n          experience\n          score\n          evidence {\n            recognised\n            consistency {\n              record { recordId updatedAt }\n              compared { attribute record golden agrees }\n              agreed\n            }\n            experience {\n              __typename\n              ... on CrmExperienceEvidence { ratedCases meanCsat }\n              ... on WebExperienceEvidence { sessionsWithAddToCart sessionsWithOrder }\n              ... on PosExperienceEvidence { sales returns soldAmount returnedAmount byCurrency { currency sold returned } }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CustomerIndexDocument,
    "\n  query ExplainCustomer($id: ID!) {\n    explainCustomer(id: $id) {\n      records { key channel kind id identifiers { type value } }\n      links { a b rule identifierType identifierValue score explanation }\n      decisions { rule summary }\n    }\n  }\n": typeof types.ExplainCustomerDocument,
    "\n  mutation SplitCustomer($id: ID!, $parts: [[ID!]!]!, $note: String) {\n    splitCustomer(id: $id, parts: $parts, note: $note) { id }\n  }\n": typeof types.SplitCustomerDocument,
    "\n  mutation UnlinkRecord($customerId: ID!, $record: ID!, $note: String) {\n    unlinkRecord(customerId: $customerId, record: $record, note: $note) { id }\n  }\n": typeof types.UnlinkRecordDocument,
    "\n  query CustomerProfile($id: ID!) {\n    customer(id: $id) {\n      id\n      profile {\n        fullName { ...ProfileTextParts }\n        firstName { ...ProfileTextParts }\n        lastName { ...ProfileTextParts }\n        email { ...ProfileTextParts }\n        phone { ...ProfileTextParts }\n        postalCode { ...ProfileTextParts }\n        country { ...ProfileTextParts }\n        birthDate { ...ProfileTextParts }\n        emailOptIn { value source recordId updatedAt conflicts { value source recordId updatedAt } }\n        smsOptIn { value source recordId updatedAt conflicts { value source recordId updatedAt } }\n      }\n    }\n  }\n  fragment ProfileTextParts on ProfileText {\n    value\n    source\n    recordId\n    updatedAt\n    conflicts { value source recordId updatedAt }\n  }\n": typeof types.CustomerProfileDocument,
    "\n  query CustomerRecords($id: ID!) {\n    customer(id: $id) {\n      id\n      crmContacts { contactId fullName email phone postalCode country loyaltyId updatedAt }\n      webVisitors { visitorId firstSeenAt lastSeenAt devices latestEmail sessionCount orderCount }\n      posShoppers { shopperKey kind member { loyaltyId fullName email phone postalCode country updatedAt } }\n    }\n  }\n": typeof types.CustomerRecordsDocument,
    "\n  query CustomerTimeline($id: ID!, $after: String, $channels: [Channel!], $kinds: [TimelineKind!]) {\n    customer(id: $id) {\n      id\n      timeline(first: 10, after: $after, channels: $channels, kinds: $kinds) {\n        totalCount\n        edges {\n          cursor\n          node {\n            at\n            channel\n            kind\n            entityId\n            crmCase { caseId subject status channel csat }\n            webSession { sessionId eventCount outcome devices }\n            posTransaction { transactionId type storeId totals { amount currency } }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.CustomerTimelineDocument,
};
const documents: Documents = {
    "\n  query CustomerHeader($id: ID!) {\n    customer(id: $id) {\n      id\n      createdAt\n      channels\n      mergedFrom\n    }\n  }\n": types.CustomerHeaderDocument,
    "\n  query IndexDashboard($filter: IndexReportFilter, $trendMonths: Int) {\n    integrationIndexReport(filter: $filter, trendMonths: $trendMonths) {\n      asOf\n      windowStart\n      customers\n      indexed\n      score\n      band\n      bands { exemplary moderate poor none }\n      channels { channel engagedCustomers accessibility consistency experience score }\n      trend { month score indexed }\n    }\n  }\n": types.IndexDashboardDocument,
    "\n  query SearchCustomers($query: String!, $after: String) {\n    searchCustomers(query: $query, first: 20, after: $after) {\n      edges {\n        cursor\n        score\n        node {\n          id\n          createdAt\n          channels\n        }\n        matches {\n          field\n          value\n          fuzzy\n          highlights {\n            start\n            length\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.SearchCustomersDocument,
    "\n  query CustomerIndex($id: ID!) {\n    customer(id: $id) {\n      id\n      integrationIndex {\n        asOf\n        windowStart\n        score\n        band\n        engagedChannels\n        channels {\n          channel\n          engaged\n          interactions\n          accessibility\n          consistency\n          experience\n          score\n          evidence {\n            recognised\n            consistency {\n              record { recordId updatedAt }\n              compared { attribute record golden agrees }\n              agreed\n            }\n            experience {\n              __typename\n              ... on CrmExperienceEvidence { ratedCases meanCsat }\n              ... on WebExperienceEvidence { sessionsWithAddToCart sessionsWithOrder }\n              ... on PosExperienceEvidence { sales returns soldAmount returnedAmount byCurrency { currency sold returned } }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CustomerIndexDocument,
    "\n  query ExplainCustomer($id: ID!) {\n    explainCustomer(id: $id) {\n      records { key channel kind id identifiers { type value } }\n      links { a b rule identifierType identifierValue score explanation }\n      decisions { rule summary }\n    }\n  }\n": types.ExplainCustomerDocument,
    "\n  mutation SplitCustomer($id: ID!, $parts: [[ID!]!]!, $note: String) {\n    splitCustomer(id: $id, parts: $parts, note: $note) { id }\n  }\n": types.SplitCustomerDocument,
    "\n  mutation UnlinkRecord($customerId: ID!, $record: ID!, $note: String) {\n    unlinkRecord(customerId: $customerId, record: $record, note: $note) { id }\n  }\n": types.UnlinkRecordDocument,
    "\n  query CustomerProfile($id: ID!) {\n    customer(id: $id) {\n      id\n      profile {\n        fullName { ...ProfileTextParts }\n        firstName { ...ProfileTextParts }\n        lastName { ...ProfileTextParts }\n        email { ...ProfileTextParts }\n        phone { ...ProfileTextParts }\n        postalCode { ...ProfileTextParts }\n        country { ...ProfileTextParts }\n        birthDate { ...ProfileTextParts }\n        emailOptIn { value source recordId updatedAt conflicts { value source recordId updatedAt } }\n        smsOptIn { value source recordId updatedAt conflicts { value source recordId updatedAt } }\n      }\n    }\n  }\n  fragment ProfileTextParts on ProfileText {\n    value\n    source\n    recordId\n    updatedAt\n    conflicts { value source recordId updatedAt }\n  }\n": types.CustomerProfileDocument,
    "\n  query CustomerRecords($id: ID!) {\n    customer(id: $id) {\n      id\n      crmContacts { contactId fullName email phone postalCode country loyaltyId updatedAt }\n      webVisitors { visitorId firstSeenAt lastSeenAt devices latestEmail sessionCount orderCount }\n      posShoppers { shopperKey kind member { loyaltyId fullName email phone postalCode country updatedAt } }\n    }\n  }\n": types.CustomerRecordsDocument,
    "\n  query CustomerTimeline($id: ID!, $after: String, $channels: [Channel!], $kinds: [TimelineKind!]) {\n    customer(id: $id) {\n      id\n      timeline(first: 10, after: $after, channels: $channels, kinds: $kinds) {\n        totalCount\n        edges {\n          cursor\n          node {\n            at\n            channel\n            kind\n            entityId\n            crmCase { caseId subject status channel csat }\n            webSession { sessionId eventCount outcome devices }\n            posTransaction { transactionId type storeId totals { amount currency } }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.CustomerTimelineDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerHeader($id: ID!) {\n    customer(id: $id) {\n      id\n      createdAt\n      channels\n      mergedFrom\n    }\n  }\n"): typeof import('./graphql').CustomerHeaderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IndexDashboard($filter: IndexReportFilter, $trendMonths: Int) {\n    integrationIndexReport(filter: $filter, trendMonths: $trendMonths) {\n      asOf\n      windowStart\n      customers\n      indexed\n      score\n      band\n      bands { exemplary moderate poor none }\n      channels { channel engagedCustomers accessibility consistency experience score }\n      trend { month score indexed }\n    }\n  }\n"): typeof import('./graphql').IndexDashboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchCustomers($query: String!, $after: String) {\n    searchCustomers(query: $query, first: 20, after: $after) {\n      edges {\n        cursor\n        score\n        node {\n          id\n          createdAt\n          channels\n        }\n        matches {\n          field\n          value\n          fuzzy\n          highlights {\n            start\n            length\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').SearchCustomersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerIndex($id: ID!) {\n    customer(id: $id) {\n      id\n      integrationIndex {\n        asOf\n        windowStart\n        score\n        band\n        engagedChannels\n        channels {\n          channel\n          engaged\n          interactions\n          accessibility\n          consistency\n          experience\n          score\n          evidence {\n            recognised\n            consistency {\n              record { recordId updatedAt }\n              compared { attribute record golden agrees }\n              agreed\n            }\n            experience {\n              __typename\n              ... on CrmExperienceEvidence { ratedCases meanCsat }\n              ... on WebExperienceEvidence { sessionsWithAddToCart sessionsWithOrder }\n              ... on PosExperienceEvidence { sales returns soldAmount returnedAmount byCurrency { currency sold returned } }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CustomerIndexDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplainCustomer($id: ID!) {\n    explainCustomer(id: $id) {\n      records { key channel kind id identifiers { type value } }\n      links { a b rule identifierType identifierValue score explanation }\n      decisions { rule summary }\n    }\n  }\n"): typeof import('./graphql').ExplainCustomerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SplitCustomer($id: ID!, $parts: [[ID!]!]!, $note: String) {\n    splitCustomer(id: $id, parts: $parts, note: $note) { id }\n  }\n"): typeof import('./graphql').SplitCustomerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlinkRecord($customerId: ID!, $record: ID!, $note: String) {\n    unlinkRecord(customerId: $customerId, record: $record, note: $note) { id }\n  }\n"): typeof import('./graphql').UnlinkRecordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerProfile($id: ID!) {\n    customer(id: $id) {\n      id\n      profile {\n        fullName { ...ProfileTextParts }\n        firstName { ...ProfileTextParts }\n        lastName { ...ProfileTextParts }\n        email { ...ProfileTextParts }\n        phone { ...ProfileTextParts }\n        postalCode { ...ProfileTextParts }\n        country { ...ProfileTextParts }\n        birthDate { ...ProfileTextParts }\n        emailOptIn { value source recordId updatedAt conflicts { value source recordId updatedAt } }\n        smsOptIn { value source recordId updatedAt conflicts { value source recordId updatedAt } }\n      }\n    }\n  }\n  fragment ProfileTextParts on ProfileText {\n    value\n    source\n    recordId\n    updatedAt\n    conflicts { value source recordId updatedAt }\n  }\n"): typeof import('./graphql').CustomerProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerRecords($id: ID!) {\n    customer(id: $id) {\n      id\n      crmContacts { contactId fullName email phone postalCode country loyaltyId updatedAt }\n      webVisitors { visitorId firstSeenAt lastSeenAt devices latestEmail sessionCount orderCount }\n      posShoppers { shopperKey kind member { loyaltyId fullName email phone postalCode country updatedAt } }\n    }\n  }\n"): typeof import('./graphql').CustomerRecordsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerTimeline($id: ID!, $after: String, $channels: [Channel!], $kinds: [TimelineKind!]) {\n    customer(id: $id) {\n      id\n      timeline(first: 10, after: $after, channels: $channels, kinds: $kinds) {\n        totalCount\n        edges {\n          cursor\n          node {\n            at\n            channel\n            kind\n            entityId\n            crmCase { caseId subject status channel csat }\n            webSession { sessionId eventCount outcome devices }\n            posTransaction { transactionId type storeId totals { amount currency } }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): typeof import('./graphql').CustomerTimelineDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
