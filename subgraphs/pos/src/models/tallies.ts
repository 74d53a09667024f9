import type { Db } from 'mongodb';
import { hasText } from '../../../common/src/text';
import { COLLECTIONS, type PosMemberDoc, type PosTransactionDoc } from '../../../../src/contract/documents';
import { posMemberInputFromDoc } from '../../../../src/insights/inputs';
import { posMemberRecord } from '../../../../src/insights/profile';
import {
  profileRowOf,
  reportBoundaries,
  segmentRange,
  type PosReportPart,
  type ReportParams,
} from '../../../../src/insights/report';
import { segmentOf } from '../../../../src/insights/tallies';
import { partialsBuilt, posMemberRowsFromPartials } from '../../../../src/insights/partials';

/**
 * The stores' part of an integration index report: every loyalty member as a profile row, and each
 * receipt in the report's windows reduced to its time segment, type, recognition (a loyaltyId or
 * receiptEmail; a card alone does not count), amounts per currency and whether it was at the
 * filter's store. Receipts stay one row each because identity resolves each
 * receipt on its own (DESIGN.md: a transaction belongs to its own resolved customer).
 */
export async function posReportPart(db: Db, params: ReportParams): Promise<PosReportPart> {
  const built = await partialsBuilt(db);
  const [members, transactions] = await Promise.all([
    built ? posMemberRowsFromPartials(db, params) : memberRowsFromDocuments(db, params),
    transactionRows(db, params),
  ]);
  return { members, transactions };
}

/** Transactions need no partial: each is one row already, with its totals (src/insights/partials.ts). */
async function transactionRows(db: Db, params: ReportParams): Promise<PosReportPart['transactions']> {
  const boundaries = reportBoundaries(params);
  const transactions: PosReportPart['transactions'] = [];
  if (boundaries.length >= 2) {
    // Each receipt is its own row (nothing to group), so a projected find is all it takes; on the
    // embedded database it is also several times faster than the same $project in a pipeline.
    const receipts = db.collection<PosTransactionDoc>(COLLECTIONS.pos.transactions).find(segmentRange('at', boundaries), {
      projection: { at: 1, type: 1, loyaltyId: 1, receiptEmail: 1, totals: 1, storeId: 1 },
    });
    for await (const t of receipts) {
      const segment = segmentOf(t.at, boundaries);
      if (segment === null) continue;
      transactions.push([
        t._id,
        segment,
        t.type === 'return' ? 1 : 0,
        hasText(t.loyaltyId) || hasText(t.receiptEmail) ? 1 : 0,
        t.totals.flatMap(({ currency, amount }) => [currency, amount]),
        params.filter.storeId !== undefined && t.storeId === params.filter.storeId ? 1 : 0,
      ]);
    }
  }
  return transactions;
}

/** The POS part derived from the documents themselves: what the partials must reproduce. */
export async function posReportPartFromRows(db: Db, params: ReportParams): Promise<PosReportPart> {
  return { members: await memberRowsFromDocuments(db, params), transactions: await transactionRows(db, params) };
}

async function memberRowsFromDocuments(db: Db, params: ReportParams): Promise<PosReportPart['members']> {
  const members: PosReportPart['members'] = [];
  const cursor = db.collection<PosMemberDoc>(COLLECTIONS.pos.members).find(
    {},
    {
      projection: { loyaltyId: 1, firstName: 1, lastName: 1, email: 1, phone: 1, postalCode: 1, country: 1, updatedAt: 1 },
    },
  );
  for await (const doc of cursor) {
    members.push(profileRowOf(posMemberRecord(posMemberInputFromDoc(doc)), params));
  }
  return members;
}
