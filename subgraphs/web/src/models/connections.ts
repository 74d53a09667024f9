import type { WebEventDoc, WebSessionDoc, WebVisitorDoc } from '../../../../src/contract/documents';
import type { ConnectionModel } from '../../../common/src/pagination';

export type WebVisitorConnectionModel = ConnectionModel<WebVisitorDoc>;
export type WebSessionConnectionModel = ConnectionModel<WebSessionDoc>;
/** Orders are their (latest) `order` events; see models/orders.ts. */
export type WebOrderConnectionModel = ConnectionModel<WebEventDoc>;
