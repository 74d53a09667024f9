import type { MongoClient } from 'mongodb';
import { startStack, type Stack } from '../support/stack';

/** What one hostile request got back. */
interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
}

interface HostileCase {
  name: string;
  /** Sends the request to the gateway with a valid admin token. */
  send: (post: (body: string, headers?: Record<string, string>) => Promise<Answer>) => Promise<Answer>;
  status: number;
  /** The first error's code, when the gateway gives one. */
  code?: string;
  message: RegExp;
}

const gql = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const FIND = 'query($by: CustomerLookup!) { findCustomer(by: $by) { id } }';
const CUSTOMER = 'query($id: ID!) { customer(id: $id) { id } }';
const PAGE = 'query($after: String) { customers(first: 2, after: $after) { edges { node { id } } } }';
// webOrder → session → visitor → orders → edges → node → session …: 17 levels, the default allows 12.
const DEEP = `{ webOrder(orderId: "o1") { ${'session { visitor { orders { edges { node { '.repeat(3)}orderId${' } } } } }'.repeat(3)} } }`;
// Each fragment spreads the next eleven times: 11^4 = 14 641 selections from a 130-token
// document that stays within the depth limit.
const FRAGMENT_BOMB = [
  '{ ...F0 }',
  ...Array.from({ length: 4 }, (_, i) => `fragment F${i} on Query { ${`...F${i + 1} `.repeat(11)}}`),
  'fragment F4 on Query { __typename }',
].join('\n');
const ALIAS_BOMB = `{ ${Array.from({ length: 50 }, (_, i) => `c${i}: customer(id: "x") { id }`).join(' ')} }`;

/** A request whose `$id` is a string nested in `depth` arrays, written by hand: too deep for JSON.stringify. */
function nestedArraysRequest(query: string, depth: number): string {
  return `{"query": ${JSON.stringify(query)}, "variables": {"id": ${'['.repeat(depth)}"x"${']'.repeat(depth)}}}`;
}

const CASES: HostileCase[] = [
  {
    name: 'an operator object where an ID is expected',
    send: (post) => post(gql(CUSTOMER, { id: { $gt: '' } })),
    status: 400,
    message: /^Variable "\$id" got invalid value \{ \$gt: "" \}; ID cannot represent value/,
  },
  {
    name: 'an operator object where a String is expected, inside an input object',
    send: (post) => post(gql(FIND, { by: { type: 'EMAIL', value: { $ne: null } } })),
    status: 400,
    message: /^Variable "\$by" got invalid value .* at "by\.value"; String cannot represent a non string value/,
  },
  {
    name: 'a $where object in a mutation argument',
    send: (post) =>
      post(gql('mutation($id: ID!) { unlinkRecord(customerId: $id, record: "crm:contact:x") { id } }', { id: { $where: 'sleep(1000) || true' } })),
    status: 400,
    message: /^Variable "\$id" got invalid value/,
  },
  {
    name: 'a $where-style string as an email',
    send: (post) => post(gql(FIND, { by: { type: 'EMAIL', value: "'; return true; var x='" } })),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /^by\.value "'; return true; var x='" is not a valid email$/i,
  },
  {
    name: 'an identifier longer than any real one',
    send: (post) => post(gql(FIND, { by: { type: 'LOYALTY_ID', value: 'L'.repeat(400) } })),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /^by\.value is 400 characters long; at most 320 are accepted$/,
  },
  {
    name: 'an identifier with control characters',
    send: (post) => post(gql(FIND, { by: { type: 'LOYALTY_ID', value: 'L-1\u0000\n$ne' } })),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /^by\.value must not contain control characters$/,
  },
  {
    name: 'a cursor that decodes to an operator object',
    send: (post) => post(gql(PAGE, { after: cursorOf({ $gt: '' }) })),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /^after: ".*" is not a cursor of customers/,
  },
  {
    name: 'a cursor whose id is an operator object',
    send: (post) => post(gql(PAGE, { after: cursorOf(['customers', '2026-01-01T00:00:00.000Z', { $gt: '' }]) })),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /is not a cursor of customers/,
  },
  {
    name: 'first out of range',
    send: (post) => post(gql('{ customers(first: -5) { totalCount } }')),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /^first must be an integer between 0 and 100; got -5$/,
  },
  {
    name: 'a 1 MB string',
    send: (post) => post(gql(CUSTOMER, { id: 'x'.repeat(1024 * 1024) })),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: /exceeds the limit of 262144 bytes/,
  },
  {
    name: 'a string over OMNIDEX_MAX_STRING_LENGTH',
    send: (post) => post(gql(CUSTOMER, { id: 'x'.repeat(5000) })),
    status: 200,
    code: 'STRING_LENGTH_LIMIT',
    message: /^Variable \$id is 5000 characters long; the maximum is 4096$/,
  },
  {
    name: 'deeply nested variables',
    send: (post) => post(nestedArraysRequest(CUSTOMER, 100_000)),
    status: 400,
    message: /^Variable "\$id" got invalid value/,
  },
  { name: 'a deep query', send: (post) => post(gql(DEEP)), status: 200, code: 'QUERY_DEPTH_LIMIT', message: /^Query depth limit of 12 exceeded, found 17\.$/ },
  { name: 'an alias bomb', send: (post) => post(gql(ALIAS_BOMB)), status: 200, code: 'QUERY_ALIAS_LIMIT', message: /^Aliases limit of 20 exceeded, found 50\.$/ },
  {
    name: 'a fragment bomb',
    send: (post) => post(gql(FRAGMENT_BOMB)),
    status: 200,
    code: 'QUERY_COST_LIMIT',
    message: /^Query has more than 10000 field selections once its fragments are expanded$/,
  },
  { name: 'malformed JSON', send: (post) => post('{"query": "{ __typename }"'), status: 400, code: 'BAD_REQUEST', message: /^POST body sent invalid JSON\.$/ },
  { name: 'a JSON body that is not an object', send: (post) => post('"{ __typename }"'), status: 400, code: 'BAD_REQUEST', message: /expected to be object/ },
  { name: 'a query that is not a string', send: (post) => post('{"query": {"$ne": null}}'), status: 400, code: 'BAD_REQUEST', message: /"query" param to be a string/ },
  {
    name: 'a batched array of operations',
    send: (post) => post(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }])),
    status: 400,
    code: 'BAD_REQUEST',
    message: /^Batching is not supported\.$/,
  },
  {
    name: 'a text/plain body',
    send: (post) => post(gql('{ __typename }'), { 'content-type': 'text/plain' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: /^Content-Type "text\/plain" is not accepted; send the GraphQL request as application\/json$/,
  },
  {
    name: 'a form-encoded body',
    send: (post) => post('query=%7B__typename%7D', { 'content-type': 'application/x-www-form-urlencoded' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: /is not accepted/,
  },
];

async function countEverything(client: MongoClient): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const database of ['crm', 'web', 'pos', 'identity']) {
    const db = client.db(database);
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      counts[`${database}.${name}`] = await db.collection(name).countDocuments();
    }
  }
  return counts;
}

describe('hostile input through the gateway', () => {
  let stack: Stack;
  let before: Record<string, number>;
  let post: (body: string, headers?: Record<string, string>) => Promise<Answer>;

  beforeAll(async () => {
    stack = await startStack({ seedCustomers: 5 });
    before = await countEverything(stack.client);
    const auth = await stack.authHeaders('admin');
    post = async (body, headers = {}) => {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...auth, ...headers },
        body,
      });
      return { status: response.status, body: (await response.json()) as Answer['body'] };
    };
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it.each(CASES)('$name gets a clear error', async ({ send, status, code, message }) => {
    const answer = await send(post);
    expect(answer.status).toBe(status);
    const [error] = answer.body.errors ?? [];
    expect(error?.message).toMatch(message);
    if (code) expect(error?.extensions?.code).toBe(code);
    // No stack traces or driver internals, whatever was sent.
    expect(JSON.stringify(answer.body)).not.toMatch(/\bat .*\.(ts|js):\d+|Mongo[A-Z]\w*Error|stacktrace/);
  });

  it('changed no data', async () => {
    expect(Object.keys(before).length).toBeGreaterThan(5);
    expect(await countEverything(stack.client)).toEqual(before);
  });

  it('still answers a legitimate query afterwards', async () => {
    const data = await stack.query<{ customers: { totalCount: number } }>('{ customers(first: 1) { totalCount } }');
    expect(data.customers.totalCount).toBe(before['identity.customers']);
  });
});
