import { DateTimeScalar } from '../../../common/src/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Customer } from './Customer';
import { CustomerExplanation, ResolutionDecision } from './Explanation';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { TimelineEntry } from './TimelineEntry';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Customer,
  TimelineEntry,
  CustomerExplanation,
  ResolutionDecision,
  // GraphQL enum names to the values MongoDB stores.
  Channel: { CRM: 'crm', WEB: 'web', POS: 'pos' },
  TimelineKind: { CASE: 'case', SESSION: 'session', SALE: 'sale', RETURN: 'return' },
  IdentifierType: {
    EMAIL: 'email',
    PHONE: 'phone',
    LOYALTY_ID: 'loyaltyId',
    WEB_USER_ID: 'webUserId',
    POS_CARD_TOKEN: 'cardToken',
    CRM_CONTACT_ID: 'crmContactId',
    WEB_VISITOR_ID: 'webVisitorId',
  },
};
