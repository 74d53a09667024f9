import type { Db } from 'mongodb';
import { hasText } from '../../../common/src/text';
import { COLLECTIONS, type CrmCaseDoc, type CrmContactDoc } from '../../../../src/contract/documents';
import { crmContactInputFromDoc } from '../../../../src/insights/inputs';
import { crmContactRecord } from '../../../../src/insights/profile';
import {
  profileRowOf,
  reportBoundaries,
  segmentExpression,
  segmentRange,
  type CrmReportPart,
  type ReportParams,
} from '../../../../src/insights/report';
import { crmReportPartFromPartials, partialsBuilt } from '../../../../src/insights/partials';

const PERSON_PROJECTION = {
  contactId: 1,
  firstName: 1,
  lastName: 1,
  email: 1,
  phone: 1,
  postalCode: 1,
  country: 1,
  updatedAt: 1,
} as const;

/**
 * The CRM's part of an integration index report: every contact as a profile row (hashed comparison
 * keys, and whether its cases count as recognised), and the cases in the report's windows counted
 * per (contact, time segment), read from the partials the import keeps (src/insights/partials.ts).
 */
export async function crmReportPart(db: Db, params: ReportParams): Promise<CrmReportPart> {
  // Partials are built by the first import or ingest; a database from before them reads its rows.
  if (await partialsBuilt(db)) return crmReportPartFromPartials(db, params);
  return crmReportPartFromRows(db, params);
}

/**
 * The same part derived from the documents themselves: what the partials must reproduce, and the
 * report on a database whose partials were never built.
 */
export async function crmReportPartFromRows(db: Db, params: ReportParams): Promise<CrmReportPart> {
  const boundaries = reportBoundaries(params);
  const contacts: CrmReportPart['contacts'] = [];
  const cursor = db
    .collection<CrmContactDoc>(COLLECTIONS.crm.contacts)
    .find({}, { projection: PERSON_PROJECTION });
  for await (const doc of cursor) {
    const record = crmContactRecord(crmContactInputFromDoc(doc));
    contacts.push([...profileRowOf(record, params), hasText(doc.email) || hasText(doc.phone) ? 1 : 0]);
  }

  const cases: CrmReportPart['cases'] = [];
  if (boundaries.length >= 2) {
    const groups = db.collection<CrmCaseDoc>(COLLECTIONS.crm.cases).aggregate<{
      _id: { contactId: string; segment: number };
      cases: number;
      rated: number;
      csatSum: number;
    }>(
      [
        { $match: segmentRange('openedAt', boundaries) },
        {
          $group: {
            _id: { contactId: '$contactId', segment: segmentExpression('$openedAt', boundaries) },
            cases: { $sum: 1 },
            rated: { $sum: { $cond: [{ $isNumber: '$csat' }, 1, 0] } },
            csatSum: { $sum: '$csat' },
          },
        },
      ],
      { allowDiskUse: true },
    );
    for await (const g of groups) cases.push([g._id.contactId, g._id.segment, g.cases, g.rated, g.csatSum]);
  }
  return { contacts, cases };
}
