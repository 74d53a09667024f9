import type { ActivityDoc, CustomerDoc } from '../../../../src/contract/documents';
import type { ConnectionModel } from '../../../common/src/pagination';

export type CustomerConnectionModel = ConnectionModel<CustomerDoc>;
export type TimelineConnectionModel = ConnectionModel<ActivityDoc>;
