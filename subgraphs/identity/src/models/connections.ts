import type { ActivityDoc, CustomerDoc } from '../../../../src/identity/store/documents';
import type { TermMatch } from '../../../../src/identity/search/query';
import type { ConnectionModel } from '../../../common/src/pagination';

export type CustomerConnectionModel = ConnectionModel<CustomerDoc>;
export type TimelineConnectionModel = ConnectionModel<ActivityDoc>;

/** A search hit: the customer, its cursor (an offset into the ranking), its score and what matched. */
export interface CustomerSearchEdgeModel {
  node: CustomerDoc;
  cursor: string;
  score: number;
  matches: TermMatch[];
}

export interface CustomerSearchConnectionModel {
  edges: CustomerSearchEdgeModel[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
