import type { Db } from 'mongodb';
import { COLLECTIONS, type WebSessionDoc, type WebVisitorDoc } from '../../../../src/contract/documents';
import { webVisitorInputFromDoc } from '../../../../src/insights/inputs';
import { webVisitorRecord } from '../../../../src/insights/profile';
import {
  profileRowOf,
  reportBoundaries,
  segmentExpression,
  segmentRange,
  type ReportParams,
  type WebReportPart,
} from '../../../../src/insights/report';
import { webReportPartFromPartials, partialsBuilt } from '../../../../src/insights/partials';

/** True when the field holds a non-blank string (the session documents keep userId/email as given). */
function nonBlank(field: string): Record<string, unknown> {
  return { $gt: [{ $strLenCP: { $trim: { input: { $ifNull: [field, ''] } } } }, 0] };
}

const asCount = (condition: unknown) => ({ $sum: { $cond: [condition, 1, 0] } });

/**
 * The web shop's part of an integration index report: every visitor as a profile row (the email of
 * its latest event that carries one, timed by its latest event), and the sessions in the report's
 * windows counted per (visitor, time segment), read from the partials the import keeps.
 */
export async function webReportPart(db: Db, params: ReportParams): Promise<WebReportPart> {
  // Partials are built by the first import or ingest; a database from before them reads its rows.
  if (await partialsBuilt(db)) return webReportPartFromPartials(db, params);
  return webReportPartFromRows(db, params);
}

/**
 * The same part derived from the documents themselves: what the partials must reproduce, and the
 * report on a database whose partials were never built.
 */
export async function webReportPartFromRows(db: Db, params: ReportParams): Promise<WebReportPart> {
  const boundaries = reportBoundaries(params);
  const visitors: WebReportPart['visitors'] = [];
  const cursor = db
    .collection<WebVisitorDoc>(COLLECTIONS.web.visitors)
    .find({}, { projection: { visitorId: 1, latestEmail: 1, latestEmailAt: 1, lastSeenAt: 1 } });
  for await (const doc of cursor) {
    visitors.push(profileRowOf(webVisitorRecord(webVisitorInputFromDoc(doc)), params));
  }

  const sessions: WebReportPart['sessions'] = [];
  if (boundaries.length >= 2) {
    const groups = db.collection<WebSessionDoc>(COLLECTIONS.web.sessions).aggregate<{
      _id: { visitorId: string; segment: number };
      sessions: number;
      recognised: number;
      withCart: number;
      withOrder: number;
    }>(
      [
        { $match: segmentRange('startedAt', boundaries) },
        {
          $group: {
            _id: { visitorId: '$visitorId', segment: segmentExpression('$startedAt', boundaries) },
            sessions: { $sum: 1 },
            recognised: asCount({ $or: [nonBlank('$userId'), nonBlank('$email')] }),
            withCart: asCount({ $eq: ['$hasAddToCart', true] }),
            withOrder: asCount({ $eq: ['$hasOrder', true] }),
          },
        },
      ],
      { allowDiskUse: true },
    );
    for await (const g of groups) {
      sessions.push([g._id.visitorId, g._id.segment, g.sessions, g.recognised, g.withCart, g.withOrder]);
    }
  }
  return { visitors, sessions };
}
