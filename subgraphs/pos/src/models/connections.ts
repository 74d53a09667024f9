import type { PosTransactionDoc } from '../../../../src/contract/documents';
import type { ConnectionModel } from '../../../common/src/pagination';
import type { PosShopperModel } from './shopper';

export type PosShopperConnectionModel = ConnectionModel<PosShopperModel>;
export type PosTransactionConnectionModel = ConnectionModel<PosTransactionDoc>;
