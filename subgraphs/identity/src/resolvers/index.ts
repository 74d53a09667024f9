import { GraphQLJSON } from 'graphql-scalars';
import { DateTimeScalar } from '../../../common/src/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { AuditEntry } from './AuditEntry';
import { Customer } from './Customer';
import { CustomerEvent } from './CustomerEvent';
import { CustomerExplanation } from './CustomerExplanation';
import { Mutation } from './Mutation';
import { IntegrationIndexReport } from './IntegrationIndexReport';
import { Query } from './Query';
import { ResolutionDecision } from './ResolutionDecision';
import { Subscription } from './Subscription';
import { TimelineEntry } from './TimelineEntry';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: GraphQLJSON,
  Query,
  AuditEntry,
  IntegrationIndexReport,
  Mutation,
  Subscription,
  CustomerEvent,
  Customer,
  TimelineEntry,
  CustomerExplanation,
  ResolutionDecision,
  // GraphQL enum names to the values MongoDB stores.
  Channel: { CRM: 'crm', WEB: 'web', POS: 'pos' },
  TimelineKind: { CASE: 'case', SESSION: 'session', SALE: 'sale', RETURN: 'return' },
  SearchField: { NAME: 'name', EMAIL: 'email', PHONE: 'phone', POSTAL_CODE: 'postalCode', LOYALTY_ID: 'loyaltyId' },
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
