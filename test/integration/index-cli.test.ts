import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { COLLECTIONS, DATABASES } from '../../src/contract/documents';
import type { CustomerDoc } from '../../src/identity/store/documents';
import { DEFAULT_INDEX_CONFIG, integrationIndex } from '../../src/insights';
import { inputsFromDocuments, useResolvedSeed } from '../support/resolved-seed';

/*
 * `omnidex index --export` against a seeded database, checked customer by customer against the
 * index computed the other way: the customer's documents read straight from MongoDB, mapped to
 * inputs and scored by `integrationIndex`. The export goes through the report's tallies (MongoDB
 * aggregations, hashed keys, per-customer merge), so agreement shows the two paths are one.
 */

const run = promisify(execFile);
const bin = path.resolve(__dirname, '../../bin/omnidex.js');
const UNTIL = new Date('2026-06-01T00:00:00Z');
const AS_OF = '2026-05-15T12:00:00.000Z';

const fixture = useResolvedSeed('omnidex-index-cli-', { customers: 120, seed: 5, until: UNTIL });

function omnidex(args: string[]) {
  return run(process.execPath, [bin, ...args], {
    env: { ...process.env, MONGODB_URI: fixture.server.uri, OMNIDEX_INDEX_CONFIG: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** One customer's index from its documents, gathered by what identity linked to it. */
async function indexFromDocuments(customer: CustomerDoc) {
  return integrationIndex(await inputsFromDocuments(fixture.client, customer), new Date(AS_OF), DEFAULT_INDEX_CONFIG);
}

describe('omnidex index', () => {
  it('exports one line per customer, each equal to the index computed from the documents', async () => {
    const file = path.join(fixture.tmp, 'index.jsonl');
    const { stderr } = await omnidex(['index', '--asof', AS_OF, '--export', file]);
    const lines = (await fs.readFile(file, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
    const customers = await fixture.client.db(DATABASES.identity).collection<CustomerDoc>(COLLECTIONS.identity.customers).find().toArray();
    expect(stderr).toContain(`exported the index of ${customers.length} customers`);
    expect(lines.map((l) => l.customerId).sort()).toEqual(customers.map((c) => c._id).sort());
    expect(lines.some((l) => l.score === null && l.band === null)).toBe(true);

    const byId = new Map(lines.map((l) => [l.customerId, l]));
    for (const customer of customers) {
      const expected = await indexFromDocuments(customer);
      const line = byId.get(customer._id);
      expect(line).toEqual({
        customerId: customer._id,
        score: expected.score,
        band: expected.band,
        channels: expected.channels.map((c) => ({
          channel: c.channel,
          accessibility: c.accessibility,
          consistency: c.consistency,
          experience: c.experience,
          score: c.score,
        })),
      });
    }
  }, 300_000);

  it('prints the report with its band table and a trend chart whose mean matches the export', async () => {
    const file = path.join(fixture.tmp, 'index-2.jsonl');
    await omnidex(['index', '--asof', AS_OF, '--export', file]);
    const scores = (await fs.readFile(file, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line).score as number | null)
      .filter((s): s is number => s !== null);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;

    const { stdout } = await omnidex(['index', '--asof', AS_OF, '--months', '3']);
    expect(stdout).toContain(`with an index ${scores.length}: portfolio index ${mean.toFixed(2)}`);
    expect(stdout).toMatch(/^EXEMPLARY\s+\d+/m);
    expect(stdout).toMatch(/^NONE\s+\d+/m);
    expect(stdout).toMatch(/^crm\s+\d+/m);
    // Three month ends before 2026-05-15: February, March, April.
    expect(stdout.match(/^2026-0[234]\s+\d+\.\d\d\s+█*$/gm)).toHaveLength(3);
  }, 300_000);

  it('refuses a bad cohort, naming it', async () => {
    await expect(omnidex(['index', '--cohort', '2025-13'])).rejects.toMatchObject({ stderr: expect.stringMatching(/filter\.cohort/) });
  });
});
