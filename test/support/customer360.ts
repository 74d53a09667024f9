/** The agent console's query of one customer's whole picture (issue 15), as the issue wrote it. */
export const CUSTOMER_360 = /* GraphQL */ `query Customer360($id: ID!) { customer(id: $id) { id channels identifiers { type value }
  crmContacts { fullName email cases(first: 5) { edges { node { subject status csat } } } }
  webVisitors { visitorId devices }
  posShoppers { shopperKey member { fullName } transactions(first: 5) { edges { node { type totals { amount currency } } } } }
  timeline(first: 10) { edges { node { at channel kind } } }
  profile { email { value source } phone { value source } }
  integrationIndex { score band channels { channel accessibility consistency experience score } }
  metrics { preferredChannel } } }`;

/** The same selection on a page of customers: its MongoDB commands must not grow with the page. */
export const PAGE_360 =
  CUSTOMER_360.replace('query Customer360($id: ID!) { customer(id: $id) {', 'query Page360($first: Int!, $after: String) { customers(first: $first, after: $after) { edges { node {') +
  ' } }';
