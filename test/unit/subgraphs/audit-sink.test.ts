import type { Db } from 'mongodb';
import type { AuditEntryDoc } from '../../../src/contract/documents';
import { createAuditSink } from '../../../subgraphs/common/src/audit';

/** A database whose audit collection records each insertMany and lets the test finish it. */
function fakeDb() {
  const writes: { docs: AuditEntryDoc[]; finish(error?: Error): void }[] = [];
  const collection = {
    insertMany: (docs: AuditEntryDoc[]) =>
      new Promise<void>((resolve, reject) => writes.push({ docs, finish: (error) => (error ? reject(error) : resolve()) })),
  };
  return { db: { collection: () => collection } as unknown as Db, writes };
}

const entry = (id: string) => ({ _id: id }) as AuditEntryDoc;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the audit sink', () => {
  it('writes at once when idle, and the entries of requests that finish meanwhile together next', async () => {
    const { db, writes } = fakeDb();
    const sink = createAuditSink(db);
    const first = sink.write([entry('a')]);
    const second = sink.write([entry('b')]);
    const third = sink.write([entry('c'), entry('d')]);
    expect(writes.map((w) => w.docs.map((d) => d._id))).toEqual([['a']]);
    writes[0]!.finish();
    await first;
    await tick();
    expect(writes.map((w) => w.docs.map((d) => d._id))).toEqual([['a'], ['b', 'c', 'd']]);
    writes[1]!.finish();
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
  });

  it('fails every request whose entries were in a failed write, and only those', async () => {
    const { db, writes } = fakeDb();
    const sink = createAuditSink(db);
    const first = sink.write([entry('a')]);
    const second = sink.write([entry('b')]);
    const third = sink.write([entry('c')]);
    writes[0]!.finish();
    await first;
    await tick();
    writes[1]!.finish(new Error('disk full'));
    await expect(second).rejects.toThrow('disk full');
    await expect(third).rejects.toThrow('disk full');
    const fourth = sink.write([entry('d')]);
    writes[2]!.finish();
    await expect(fourth).resolves.toBeUndefined();
  });
});
