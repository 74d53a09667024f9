import { decodeReportIdOr } from '../../../../src/insights/report';
import { badUserInput } from '../../../common/src/errors';
import type { IntegrationIndexReportResolvers } from '../__generated__/resolvers-types';
import { crmReportPart } from '../models/tallies';

/** The crm subgraph's part of a portfolio report, computed from the parameters in the report's id. */
export const IntegrationIndexReport: IntegrationIndexReportResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  crmPart: ({ id }, _args, { db }) => crmReportPart(db, decodeReportIdOr(id, (message) => badUserInput(message, 'id'))),
};
