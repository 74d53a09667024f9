import type { CrmCaseDoc, CrmContactDoc } from '../../../../src/contract/documents';
import type { ConnectionModel } from '../../../common/src/pagination';

export type CrmContactConnectionModel = ConnectionModel<CrmContactDoc>;
export type CrmCaseConnectionModel = ConnectionModel<CrmCaseDoc>;
