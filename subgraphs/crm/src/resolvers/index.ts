import { DateTimeScalar } from '../../../common/src/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { CrmCase } from './CrmCase';
import { CrmContact } from './CrmContact';
import { Customer } from './Customer';
import { IntegrationIndexReport } from './IntegrationIndexReport';
import { Query } from './Query';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  IntegrationIndexReport,
  CrmContact,
  CrmCase,
  Customer,
  // GraphQL enum names to the lower-case values MongoDB stores.
  CrmCaseChannel: { PHONE: 'phone', EMAIL: 'email', CHAT: 'chat', STORE: 'store' },
  CrmCaseStatus: { OPEN: 'open', RESOLVED: 'resolved', CLOSED: 'closed' },
  CrmMessageAuthor: { CUSTOMER: 'customer', AGENT: 'agent' },
};
