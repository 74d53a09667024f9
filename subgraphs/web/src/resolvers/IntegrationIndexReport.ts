import { decodeReportIdOr } from '../../../../src/insights/report';
import { badUserInput } from '../../../common/src/errors';
import type { IntegrationIndexReportResolvers } from '../__generated__/resolvers-types';
import { webReportPart } from '../models/tallies';

/** The web subgraph's part of a portfolio report, computed from the parameters in the report's id. */
export const IntegrationIndexReport: IntegrationIndexReportResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  webPart: ({ id }, _args, { db }) => webReportPart(db, decodeReportIdOr(id, (message) => badUserInput(message, 'id'))),
};
