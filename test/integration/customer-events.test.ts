import { appendCustomerEvents, CUSTOMER_EVENT_RETENTION_MS, customerEvents, latestCustomerEventSequence } from '../../src/live/events';
import { pruneReadEvents, setBandCursor } from '../../src/live/bands';
import { useEmptyDatabases } from '../support/empty-databases';

// The customer event log stays bounded: the band watcher prunes what it has read once the
// retention has passed, and never the newest event, which tails start from.
describe('the customer event log', () => {
  const fixture = useEmptyDatabases('omnidex-events-');
  const identity = () => fixture.client.db('identity');
  const DAY = CUSTOMER_EVENT_RETENTION_MS;

  async function writeAt(at: Date, keys: string[]): Promise<void> {
    await appendCustomerEvents(identity(), keys.map((key) => ({ key, kind: 'CHANGED' as const, customerIds: [`cus_${key}`] })), at);
  }

  it('deletes read events past the retention, keeps unread, recent and the newest', async () => {
    const now = new Date('2026-12-06T12:00:00Z');
    await writeAt(new Date(now.getTime() - 3 * DAY), ['a', 'b', 'c']); // 1, 2, 3
    await writeAt(new Date(now.getTime() - 2 * DAY), ['d', 'e']); // 4, 5
    await writeAt(new Date(now.getTime() - DAY / 2), ['f']); // 6
    // The watcher has read through 4: 1–3 are read and old; 4 is its checkpoint; 5 is unread.
    await setBandCursor(identity(), 4);
    await expect(pruneReadEvents(identity(), now)).resolves.toBe(3);
    const left = await customerEvents(identity()).find({}, { projection: { _id: 1 } }).sort({ _id: 1 }).toArray();
    expect(left.map((doc) => doc._id)).toEqual([4, 5, 6]);

    // Everything read and old: the newest stays, so a tail starting now starts after it.
    await setBandCursor(identity(), 6);
    await expect(pruneReadEvents(identity(), new Date(now.getTime() + 2 * DAY))).resolves.toBe(2);
    await expect(latestCustomerEventSequence(identity())).resolves.toBe(6);
    // Sequences keep counting past what was pruned.
    await writeAt(now, ['g']);
    await expect(latestCustomerEventSequence(identity())).resolves.toBe(7);
  });

  it('prunes nothing before the watcher has a checkpoint', async () => {
    await writeAt(new Date(Date.now() - 3 * DAY), ['a']);
    await expect(pruneReadEvents(identity())).resolves.toBe(0);
    await expect(customerEvents(identity()).countDocuments()).resolves.toBe(1);
  });
});
