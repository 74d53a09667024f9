import {
  combineReport,
  decodeReportIdOr,
  type CrmReportPart,
  type IdentityReportPart,
  type IndexConfig,
  type IntegrationIndexReport,
  type PosReportPart,
  type ReportParams,
  type WebReportPart,
} from '../../../../src/insights';
import { badUserInput } from '../../../common/src/errors';

/**
 * The parent of IntegrationIndexReport's fields: its parameters (from the id), and the report once
 * the gateway has brought the four parts the computed fields @require.
 */
export interface IntegrationIndexReportParent {
  id: string;
  params: ReportParams;
  report?: IntegrationIndexReport;
}

const PARTS = ['identityPart', 'crmPart', 'webPart', 'posPart'] as const;

/** The part's arrays, checked for shape only: they come from our own subgraphs through the gateway. */
function part<T>(representation: Record<string, unknown>, name: (typeof PARTS)[number], lists: string[]): T {
  const value = representation[name];
  if (typeof value !== 'object' || value === null || lists.some((l) => !Array.isArray((value as Record<string, unknown>)[l]))) {
    throw new Error(`IntegrationIndexReport representation: ${name} is not a report part (expected ${lists.join(', ')})`);
  }
  return value as T;
}

/**
 * Turns a representation into the parent: the parameters always, the combined report when the
 * parts are there (they are whenever a field that @requires them was asked for).
 */
export function reportFromRepresentation(
  representation: Record<string, unknown>,
  config: IndexConfig,
): IntegrationIndexReportParent {
  const id = String(representation.id);
  const params = decodeReportIdOr(id, (message) => badUserInput(message, 'id'));
  if (!PARTS.every((name) => name in representation)) return { id, params };
  const report = combineReport(
    params,
    {
      identity: part<IdentityReportPart>(representation, 'identityPart', ['customers']),
      crm: part<CrmReportPart>(representation, 'crmPart', ['contacts', 'cases']),
      web: part<WebReportPart>(representation, 'webPart', ['visitors', 'sessions']),
      pos: part<PosReportPart>(representation, 'posPart', ['members', 'transactions']),
    },
    config,
  );
  return { id, params, report };
}

/** The combined report; its absence means the query plan did not bring the parts. */
export function requireReport(parent: IntegrationIndexReportParent): IntegrationIndexReport {
  if (parent.report === undefined) {
    throw new Error('IntegrationIndexReport: the report parts were not provided (a @requires field resolved without them)');
  }
  return parent.report;
}
