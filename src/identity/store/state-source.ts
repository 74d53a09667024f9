import type { AffectedSetSource } from '../resolve';
import { chunks, type IdentityCollections } from './collections';

/** Keys per `$in`: large enough that round trips stay few, small enough for one 16 MiB reply. */
export const IN_BATCH = 5_000;

/**
 * `computeAffectedSet`'s view of the previous run, backed by `identity.records`: every question is
 * answered with one `find … $in` per batch of keys, never a round trip per record.
 */
export function createAffectedSetSource(identity: IdentityCollections): AffectedSetSource {
  const { records } = identity;
  const collectBy = async (
    field: 'identifierKeys' | 'blockingKeys' | '_id' | 'customerId',
    keys: string[],
    project: Record<string, 1>,
    add: (doc: Record<string, unknown>, out: Map<string, string[]>) => void,
  ): Promise<Map<string, string[]>> => {
    const out = new Map<string, string[]>();
    for (const batch of chunks([...new Set(keys)], IN_BATCH)) {
      const cursor = records.find({ [field]: { $in: batch } }, { projection: project, batchSize: 10_000 });
      for await (const doc of cursor) add(doc as unknown as Record<string, unknown>, out);
    }
    return out;
  };
  const push = (out: Map<string, string[]>, key: string, value: string): void => {
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  };

  return {
    async holders(identifierKeys) {
      const wanted = new Set(identifierKeys);
      return collectBy('identifierKeys', identifierKeys, { identifierKeys: 1 }, (doc, out) => {
        for (const key of doc.identifierKeys as string[]) if (wanted.has(key)) push(out, key, doc._id as string);
      });
    },
    async identifiersOf(keys) {
      return collectBy('_id', keys, { identifierKeys: 1 }, (doc, out) => {
        out.set(doc._id as string, doc.identifierKeys as string[]);
      });
    },
    async customersOf(keys) {
      const list = await collectBy('_id', keys, { customerId: 1 }, (doc, out) => {
        out.set(doc._id as string, [doc.customerId as string]);
      });
      return new Map([...list].map(([key, [customerId]]) => [key, customerId!]));
    },
    async recordsOf(customerIds) {
      return collectBy('customerId', customerIds, { customerId: 1 }, (doc, out) => {
        push(out, doc.customerId as string, doc._id as string);
      });
    },
    async blockMembers(blockingKeys) {
      const wanted = new Set(blockingKeys);
      return collectBy('blockingKeys', blockingKeys, { blockingKeys: 1 }, (doc, out) => {
        for (const key of doc.blockingKeys as string[]) if (wanted.has(key)) push(out, key, doc._id as string);
      });
    },
  };
}
