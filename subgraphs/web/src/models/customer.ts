import type { WebVisitorDoc } from '../../../../src/contract/documents';
import type { WebSessionInput } from '../../../../src/insights/inputs';
import type { OrderFactDoc } from '../loaders';

/** A Customer as the gateway sends it to the web shop: its id and, for `webFacts`, its visitors' ids. */
export interface WebCustomerReference {
  id: string;
  webVisitors?: { visitorId: string }[];
}

/** `Customer.webFacts`: the customer's visitors, all their sessions and `order` events. */
export interface WebCustomerFactsModel {
  visitors: WebVisitorDoc[];
  sessions: WebSessionInput[];
  orders: OrderFactDoc[];
}
