import { DateTimeScalar } from '../../../common/src/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Customer } from './Customer';
import { IntegrationIndexReport } from './IntegrationIndexReport';
import { Query } from './Query';
import { WebEvent } from './WebEvent';
import { WebOrder } from './WebOrder';
import { WebSession } from './WebSession';
import { WebVisitor } from './WebVisitor';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  Customer,
  IntegrationIndexReport,
  WebVisitor,
  WebSession,
  WebEvent,
  WebOrder,
  // GraphQL enum names to the lower-case values MongoDB stores.
  WebDevice: { DESKTOP: 'desktop', MOBILE: 'mobile', TABLET: 'tablet' },
  WebEventType: {
    PAGE_VIEW: 'page_view',
    PRODUCT_VIEW: 'product_view',
    SEARCH: 'search',
    ADD_TO_CART: 'add_to_cart',
    CHECKOUT: 'checkout',
    ORDER: 'order',
    LOGIN: 'login',
    SIGNUP: 'signup',
    NEWSLETTER: 'newsletter',
  },
};
