import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { createLimits } from '../../../gateway/src/limits';
import { documentHash, loadPersistedDocuments } from '../../../gateway/src/plugins/persisted-documents';
import { createListCostEstimator } from '../../../gateway/src/plugins/use-cost-limit';
import { stringLiteralLengthRule } from '../../../gateway/src/plugins/use-document-limits';
import { findLongString } from '../../../gateway/src/plugins/use-variable-length-limit';
import { unsupportedContentType } from '../../../gateway/src/unsupported-content-type';
import { ConfigError, loadConfig } from '../../../src/config';

const schema = buildSchema(/* GraphQL */ `
  type Query {
    customers(first: Int = 20, after: String): CustomerConnection!
    customer(id: ID!): Customer
  }
  type CustomerConnection { edges: [CustomerEdge!]! pageInfo: PageInfo! }
  type CustomerEdge { node: Customer! cursor: String! }
  type PageInfo { hasNextPage: Boolean! }
  type Customer {
    id: ID!
    identifiers: [Identifier!]!
    timeline(first: Int, after: String): TimelineConnection!
  }
  type Identifier { value: String! }
  type TimelineConnection { edges: [TimelineEdge!]! }
  type TimelineEdge { node: Entry! }
  type Entry { at: String! }
`);

function cost(query: string, variables: Record<string, unknown> = {}): number {
  return getComplexity({ schema, query: parse(query), variables, estimators: [createListCostEstimator(20, 10)] });
}

describe('the list-aware cost estimate', () => {
  it('counts an object 1 and a scalar 0', () => {
    expect(cost('{ customer(id: "c1") { id } }')).toBe(1);
  });

  it("multiplies a connection's selection by its first argument, edges counted once", () => {
    // customers 1 + 5 × (edges 1 + node 1)
    expect(cost('{ customers(first: 5) { edges { node { id } } } }')).toBe(11);
  });

  it('reads first from variables', () => {
    expect(cost('query($n: Int) { customers(first: $n) { edges { node { id } } } }', { n: 50 })).toBe(101);
  });

  it("uses the argument's schema default, else the default page size, when first is absent", () => {
    // customers defaults to 20 in the schema; timeline has no default and falls back to 20 too.
    expect(cost('{ customers { edges { node { id } } } }')).toBe(41);
    expect(cost('{ customer(id: "c1") { timeline { edges { node { at } } } } }')).toBe(1 + 1 + 20 * 2);
  });

  it('multiplies nested lists, and plain lists by the assumed size', () => {
    // customer 1 + identifiers 10 × 1 + timeline (1 + 100 × 2)
    expect(cost('{ customer(id: "c1") { identifiers { value } timeline(first: 100) { edges { node { at } } } } }')).toBe(1 + 10 + 201);
    // 100 customers, each with a 100-entry timeline
    expect(cost('{ customers(first: 100) { edges { node { timeline(first: 100) { edges { node { at } } } } } } }')).toBe(
      1 + 100 * (1 + 1 + 201),
    );
  });
});

describe('string limits', () => {
  it('finds the first over-long string in variables, with its path', () => {
    expect(findLongString({ by: { type: 'EMAIL', value: 'x'.repeat(11) } }, 10)).toEqual({ path: '.by.value', length: 11 });
    expect(findLongString({ ids: ['a', 'b'.repeat(20)] }, 10)).toEqual({ path: '.ids[1]', length: 20 });
    expect(findLongString({ id: 'short', n: 5, flag: true, none: null }, 10)).toBeUndefined();
  });

  it('walks deeply nested variables without overflowing the stack', () => {
    let nested: unknown = 'z'.repeat(11);
    for (let i = 0; i < 20_000; i += 1) nested = [nested];
    expect(findLongString(nested, 10)?.length).toBe(11);
  });

  it('rejects over-long string literals during validation, naming the limit', () => {
    const errors = validate(schema, parse(`{ customer(id: "${'x'.repeat(11)}") { id } }`), [
      ...specifiedRules,
      stringLiteralLengthRule(10),
    ]);
    expect(errors.map((error) => [error.message, error.extensions.code])).toEqual([
      ['A string argument is 11 characters long; the maximum is 10', 'STRING_LENGTH_LIMIT'],
    ]);
  });
});

describe('trusted documents file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'omnidex-persisted-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads documents keyed by their SHA-256', async () => {
    const document = '{ customers(first: 1) { totalCount } }';
    const file = path.join(dir, 'ok.json');
    await writeFile(file, JSON.stringify({ [documentHash(document)]: document }));
    expect([...loadPersistedDocuments(file)]).toEqual([[documentHash(document), document]]);
  });

  it('refuses an entry whose hash is not its document', async () => {
    const file = path.join(dir, 'forged.json');
    await writeFile(file, JSON.stringify({ [documentHash('{ a }')]: '{ b }' }));
    expect(() => loadPersistedDocuments(file)).toThrow(/does not match its document/);
  });

  it('refuses a file that is not a JSON object', async () => {
    const file = path.join(dir, 'list.json');
    await writeFile(file, '["{ a }"]');
    expect(() => loadPersistedDocuments(file)).toThrow(/must be a JSON object/);
    expect(() => loadPersistedDocuments(path.join(dir, 'missing.json'))).toThrow(/could not be read/);
  });
});

describe('request media types', () => {
  it('accepts JSON POSTs and any GET', () => {
    expect(unsupportedContentType('POST', { 'content-type': 'application/json; charset=utf-8' })).toBeUndefined();
    expect(unsupportedContentType('POST', { 'content-type': 'application/graphql-response+json' })).toBeUndefined();
    expect(unsupportedContentType('GET', {})).toBeUndefined();
  });

  it('refuses other POST bodies, saying what to send', () => {
    expect(unsupportedContentType('POST', { 'content-type': 'text/plain' })).toMatch(/"text\/plain" is not accepted; send .* application\/json/);
    expect(unsupportedContentType('POST', { 'content-type': 'application/x-www-form-urlencoded' })).toMatch(/not accepted/);
    expect(unsupportedContentType('POST', {})).toMatch(/\(none\) is not accepted/);
  });
});

describe('limits configuration', () => {
  it('has defaults and reads every limit from the environment', () => {
    const defaults = loadConfig({}).limits;
    expect(defaults).toMatchObject({ maxDepth: 12, maxAliases: 20, maxTokens: 2000, maxCost: 10_000, maxStringLength: 4096 });
    expect(defaults.rateLimit).toEqual({ requests: 1200, windowSeconds: 60 });
    expect(defaults.subgraphTimeoutMs.crm).toBe(10_000);
    const set = loadConfig({
      OMNIDEX_MAX_DEPTH: '7',
      OMNIDEX_MAX_COST: '99',
      OMNIDEX_RATE_LIMIT: '0',
      OMNIDEX_SUBGRAPH_TIMEOUT_MS: '3000',
      OMNIDEX_CRM_TIMEOUT_MS: '500',
      OMNIDEX_DB_TIMEOUT_MS: '800',
    }).limits;
    expect(set).toMatchObject({ maxDepth: 7, maxCost: 99, rateLimit: undefined, databaseTimeoutMs: 800 });
    expect(set.subgraphTimeoutMs).toMatchObject({ crm: 500, web: 3000 });
  });

  it('fails fast on a bad value, naming the variable', () => {
    expect(() => loadConfig({ OMNIDEX_MAX_DEPTH: 'deep' })).toThrow(ConfigError);
    expect(() => loadConfig({ OMNIDEX_MAX_DEPTH: '0' })).toThrow(/OMNIDEX_MAX_DEPTH="0" is not valid/);
    expect(() => loadConfig({ OMNIDEX_PERSISTED_ONLY: 'true' })).toThrow(/OMNIDEX_PERSISTED_ONLY/);
  });

  it('turns introspection off outside development only', () => {
    const limits = { ...loadConfig({}).limits };
    expect(createLimits(limits, false).disableIntrospection).toBeDefined();
    expect(createLimits(limits, true).disableIntrospection).toBeUndefined();
  });
});
