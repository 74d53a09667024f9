import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Db } from 'mongodb';
import { identityCollections } from './collections';

/**
 * Writes one JSON line per source record — `{"source","kind","id","customerId"}` — to `out`, in
 * record-key order; returns how many were written. Honours back-pressure, so a million records
 * stream in constant memory.
 */
export async function exportMapping(identity: Db, out: Writable): Promise<number> {
  const { records } = identityCollections(identity);
  let count = 0;
  const cursor = records.find({}, { projection: { source: 1, kind: 1, sourceId: 1, customerId: 1 }, batchSize: 10_000 }).sort({ _id: 1 });
  for await (const r of cursor) {
    const line = JSON.stringify({ source: r.source, kind: r.kind, id: r.sourceId, customerId: r.customerId }) + '\n';
    count++;
    if (!out.write(line)) await once(out, 'drain');
  }
  return count;
}
