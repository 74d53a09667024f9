import { randomBytes } from 'node:crypto';
import { encodeReportId, reportParams, ReportParamsError } from '../../../../src/insights';
import { badUserInput } from '../../../common/src/errors';
import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  integrationIndexReport: (_parent, { asOf, filter, trendMonths }, { indexConfig }) => {
    try {
      const params = reportParams({
        asOf: asOf ?? new Date(),
        windowDays: indexConfig.windowDays,
        trendMonths: trendMonths ?? 0,
        filter,
        // A fresh key per report: the hashed comparison keys of one report match nothing else.
        salt: randomBytes(12).toString('base64url'),
      });
      return { id: encodeReportId(params), params };
    } catch (error) {
      if (error instanceof ReportParamsError) throw badUserInput(error.message);
      throw error;
    }
  },
};
