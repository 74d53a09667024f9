import { windowEndingAt } from '../../../../src/insights';
import type { IntegrationIndexReportResolvers } from '../__generated__/resolvers-types';
import { badUserInput } from '../../../common/src/errors';
import { reportFromRepresentation, requireReport } from '../models/report';

export const IntegrationIndexReport: IntegrationIndexReportResolvers = {
  // Combines the parts once per representation; every computed field reads the result.
  __resolveReference: (representation, { indexConfig }) =>
    reportFromRepresentation(representation as Record<string, unknown>, indexConfig),
  asOf: ({ params }) => params.asOf,
  windowStart: ({ params }, _args, { indexConfig }) => windowEndingAt(params.asOf, indexConfig).from,
  filter: ({ params }) => ({
    storeId: params.filter.storeId ?? null,
    country: params.filter.country ?? null,
    cohort: params.filter.cohort ?? null,
  }),
  customers: (parent) => requireReport(parent).customers,
  indexed: (parent) => requireReport(parent).indexed,
  score: (parent) => requireReport(parent).score,
  band: (parent) => requireReport(parent).band,
  bands: (parent) => {
    const { bands } = requireReport(parent);
    return { exemplary: bands.EXEMPLARY, moderate: bands.MODERATE, poor: bands.POOR, none: bands.NONE };
  },
  channels: (parent) => requireReport(parent).channels,
  trend: (parent, { months }) => {
    const { trend } = requireReport(parent);
    if (months === undefined || months === null) return trend;
    if (!Number.isInteger(months) || months < 0 || months > trend.length) {
      throw badUserInput(
        `months must be from 0 to ${trend.length}, the trendMonths the report was asked for at the root`,
        'months',
      );
    }
    return trend.slice(trend.length - months);
  },
};
