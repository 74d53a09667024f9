import { DateTimeScalar } from '../../../common/src/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Customer } from './Customer';
import { CustomerMetrics } from './CustomerMetrics';
import { ExperienceEvidence, IntegrationIndex } from './IntegrationIndex';
import { IntegrationIndexReport } from './IntegrationIndexReport';
import { Query } from './Query';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  IntegrationIndexReport,
  Customer,
  IntegrationIndex,
  ExperienceEvidence,
  CustomerMetrics,
  // GraphQL enum names to the values the pure code (src/insights) uses.
  Channel: { CRM: 'crm', WEB: 'web', POS: 'pos' },
  ComparedAttribute: { FULL_NAME: 'fullName', EMAIL: 'email', PHONE: 'phone', POSTAL_CODE: 'postalCode' },
  PosTransactionType: { SALE: 'sale', RETURN: 'return' },
};
