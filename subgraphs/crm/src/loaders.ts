import type DataLoader from 'dataloader';
import type { Db } from 'mongodb';
import { COLLECTIONS, type CrmCaseDoc, type CrmContactDoc } from '../../../src/contract/documents';
import { ensureChannelIndexes } from '../../../src/contract/indexes';
import {
  createByKeyLoader,
  createChildPageLoader,
  createChildrenLoader,
  type ChildPage,
  type ChildPageKey,
} from '../../common/src/loaders';

/** The fields of a case the Integration Index reads (`Customer.crmFacts`). */
export type CaseFactDoc = Pick<CrmCaseDoc, '_id' | 'caseId' | 'contactId' | 'openedAt' | 'csat'>;

export interface CrmLoaders {
  contactById: DataLoader<string, CrmContactDoc | null>;
  caseById: DataLoader<string, CrmCaseDoc | null>;
  /** Pages of a contact's cases, newest first by `openedAt`. */
  casePagesByContact: DataLoader<ChildPageKey, ChildPage, string>;
  /** Every case of a contact, newest first (as the index serves it), without transcripts. */
  caseFactsByContact: DataLoader<string, CaseFactDoc[]>;
}

/** Per-request loaders over the `crm` database; build new ones for every request. */
export function createLoaders(db: Db): CrmLoaders {
  const contacts = db.collection<CrmContactDoc>(COLLECTIONS.crm.contacts);
  const cases = db.collection<CrmCaseDoc>(COLLECTIONS.crm.cases);
  return {
    contactById: createByKeyLoader(contacts),
    caseById: createByKeyLoader(cases),
    casePagesByContact: createChildPageLoader(db.collection(COLLECTIONS.crm.cases), {
      parentField: 'contactId',
      timeField: 'openedAt',
    }),
    caseFactsByContact: createChildrenLoader(
      db.collection<CaseFactDoc>(COLLECTIONS.crm.cases),
      'contactId',
      { openedAt: -1, _id: -1 },
      { projection: { caseId: 1, contactId: 1, openedAt: 1, csat: 1 } },
    ),
  };
}

/** The indexes behind every read above (the `_id` index serves the by-id loaders). */
export function ensureIndexes(db: Db): Promise<void> {
  return ensureChannelIndexes(db, 'crm');
}
