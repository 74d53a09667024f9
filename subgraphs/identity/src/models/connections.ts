import type { ActivityDoc, CustomerDoc } from '../../../../src/identity/store/documents';
import type { ConnectionModel } from '../../../common/src/pagination';

export type CustomerConnectionModel = ConnectionModel<CustomerDoc>;
export type TimelineConnectionModel = ConnectionModel<ActivityDoc>;
