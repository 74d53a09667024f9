import { decodeReportIdOr } from '../../../../src/insights/report';
import { badUserInput } from '../../../common/src/errors';
import type { IntegrationIndexReportResolvers } from '../__generated__/resolvers-types';
import { identityReportPart } from '../models/tallies';

/** The identity subgraph's part of a portfolio report, computed from the parameters in the report's id. */
export const IntegrationIndexReport: IntegrationIndexReportResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  identityPart: ({ id }, _args, { identity }) => identityReportPart(identity, decodeReportIdOr(id, (message) => badUserInput(message, 'id'))),
};
