import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import { signBearerToken } from '../../src/auth/bearer';
import type { Role } from '../../src/auth/caller';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../src/config';
import { DATABASES, type DatabaseName } from '../../src/contract/documents';
import { postGraphQL } from '../support/stack';

/*
 * Every service in its own process, as docker-compose.yml runs them, and every database on a
 * MongoDB server of its own (OMNIDEX_<NAME>_MONGODB_URI): a service that reached into another's
 * database would find nothing there. Erasure, the subject-access export, a split and the audit
 * log must work across them, through the gateway.
 */

const BIN = path.resolve(__dirname, '../../bin/omnidex.js');
const SECRETS = {
  OMNIDEX_JWT_SECRET: 'apart-jwt-secret-0123456789abcdef0123',
  OMNIDEX_INTERNAL_SECRET: 'apart-internal-secret-0123456789abcdef',
  OMNIDEX_PRIVACY_SECRET: 'apart-privacy-secret-0123456789abcdef',
};

const servers = new Map<DatabaseName, EmbeddedMongo>();
const processes: ChildProcess[] = [];
let env: NodeJS.ProcessEnv;
let gatewayUrl: string;
let dataDir: string;

/** Starts `omnidex serve --only NAME` and waits for the line naming its URL. */
async function startService(name: SubgraphName | 'gateway', extraEnv: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'serve', '--only', name], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  processes.push(child);
  let output = '';
  const pattern = name === 'gateway' ? /gateway: (http:\/\/\S+)/ : new RegExp(`subgraph ${name}: (http://\\S+)`);
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`omnidex serve --only ${name} exited with ${code}:\n${output}`)));
  });
}

async function asRole<TData = Record<string, any>>(role: Role, query: string, variables: Record<string, unknown> = {}, sub = `apart-${role}`) {
  const token = await signBearerToken({ secret: SECRETS.OMNIDEX_JWT_SECRET, roles: [role], sub, ttlSeconds: 600 });
  const { status, body } = await postGraphQL<TData>(gatewayUrl, query, variables, { authorization: `Bearer ${token}` });
  if (status !== 200 || body.errors?.length || !body.data) throw new Error(`HTTP ${status}: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

async function databasesOn(server: EmbeddedMongo): Promise<string[]> {
  const client = await MongoClient.connect(server.uri);
  try {
    const { databases } = await client.db('admin').command({ listDatabases: 1, nameOnly: true });
    return (databases as { name: string }[]).map((d) => d.name).filter((name) => !['admin', 'local', 'config'].includes(name));
  } finally {
    await client.close();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'omnidex-apart-'));
  for (const name of Object.keys(DATABASES) as DatabaseName[]) servers.set(name, await startEmbeddedMongo());
  env = {
    ...process.env,
    ...SECRETS,
    APOLLO_TELEMETRY_DISABLED: '1',
    OMNIDEX_DATA_DIR: dataDir,
    OMNIDEX_DEV: 'false',
    PORT: '0',
    ...Object.fromEntries([...servers].map(([name, server]) => [`OMNIDEX_${name.toUpperCase()}_MONGODB_URI`, server.uri])),
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`OMNIDEX_${name.toUpperCase()}_PORT`, '0'])),
  };
  delete env.MONGODB_URI;
  const run = promisify(execFile);
  await run(process.execPath, [BIN, 'seed', '--customers', '40', '--seed', '5', '--out', path.join(dataDir, 'seed'), '--import'], { env });
  await run(process.execPath, [BIN, 'resolve'], { env });

  // Identity asks the others, so it starts once their addresses are known, then the gateway.
  const urls: Record<string, string> = {};
  const others = SUBGRAPH_NAMES.filter((name) => name !== 'identity');
  const started = await Promise.all(others.map((name) => startService(name)));
  others.forEach((name, i) => (urls[`OMNIDEX_${name.toUpperCase()}_URL`] = started[i]!));
  urls.OMNIDEX_IDENTITY_URL = await startService('identity', urls);
  gatewayUrl = await startService('gateway', urls);
}, 120_000);

afterAll(async () => {
  for (const child of processes) {
    if (child.exitCode !== null) continue;
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  for (const server of servers.values()) await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

const CUSTOMERS = `{ customers(first: 100) { edges { node { id channels crmContacts { contactId email } webVisitors { visitorId } posMembers { loyaltyId email } } } } }`;
type CustomerNode = {
  id: string;
  channels: string[];
  crmContacts: { contactId: string; email: string | null }[];
  webVisitors: { visitorId: string }[];
  posMembers: { loyaltyId: string; email: string | null }[];
};

describe('every service in its own process, each on its own database', () => {
  let customers: CustomerNode[];

  beforeAll(async () => {
    const data = await asRole<{ customers: { edges: { node: CustomerNode }[] } }>('admin', CUSTOMERS);
    customers = data.customers.edges.map((edge) => edge.node);
  });

  it('answers the audit log from every service that served personal data', async () => {
    // A read that finds no value discloses nothing and is not audited: both emails must be there.
    const someone = customers.find((c) => c.crmContacts.some((r) => r.email) && c.posMembers.some((r) => r.email))!;
    await asRole(
      'agent',
      `query Read($id: ID!) { customer(id: $id) { crmContacts { email } posMembers { email } profile { email { value } } } }`,
      { id: someone.id },
      'agent-apart',
    );
    const { auditLog } = await asRole<{ auditLog: { edges: { node: { subgraph: string } }[] } }>(
      'admin',
      `query Log($filter: AuditLogFilter) { auditLog(filter: $filter, first: 100) { edges { node { subgraph entityType } } } }`,
      { filter: { sub: 'agent-apart' } },
    );
    expect(new Set(auditLog.edges.map((edge) => edge.node.subgraph))).toEqual(new Set(['crm', 'pos', 'insights']));
  });

  it('exports everything held on a customer, gathered from each channel service', async () => {
    const someone = customers.find((c) => c.crmContacts.length > 0 && c.webVisitors.length > 0)!;
    const { exportCustomerData: data } = await asRole<{ exportCustomerData: any }>('admin', 'query Export($id: ID!) { exportCustomerData(id: $id) }', {
      id: someone.id,
    });
    expect(data.customerId).toBe(someone.id);
    expect(data.crm.contacts.map((c: { contactId: string }) => c.contactId).sort()).toEqual(someone.crmContacts.map((c) => c.contactId).sort());
    expect(data.web.visitors.map((v: { visitorId: string }) => v.visitorId).sort()).toEqual(someone.webVisitors.map((v) => v.visitorId).sort());
    expect(typeof data.crm.contacts[0].createdAt).toBe('string');
  });

  it('splits a customer in the identity service alone', async () => {
    const explained = await Promise.all(
      customers.slice(0, 40).map((c) =>
        asRole<{ explainCustomer: { records: { key: string }[] } }>('admin', 'query E($id: ID!) { explainCustomer(id: $id) { records { key } } }', { id: c.id }).then(
          (data) => ({ id: c.id, keys: data.explainCustomer.records.map((r) => r.key) }),
        ),
      ),
    );
    const target = explained.find((c) => c.keys.length >= 2)!;
    const [first, ...rest] = target.keys;
    const { splitCustomer } = await asRole<{ splitCustomer: { id: string }[] }>(
      'admin',
      'mutation S($id: ID!, $parts: [[ID!]!]!) { splitCustomer(id: $id, parts: $parts, note: "apart") { id } }',
      { id: target.id, parts: [[first], rest] },
    );
    // The parts' records may fall apart further: what linked them may have been the record split off.
    expect(splitCustomer.length).toBeGreaterThanOrEqual(2);
    expect(splitCustomer.map((c) => c.id)).toContain(target.id);
    const parts = await Promise.all(
      splitCustomer.map((c) =>
        asRole<{ explainCustomer: { records: { key: string }[] } }>('admin', 'query E($id: ID!) { explainCustomer(id: $id) { records { key } } }', { id: c.id }),
      ),
    );
    const keysOf = parts.map((p) => p.explainCustomer.records.map((r) => r.key));
    expect(keysOf.flat().sort()).toEqual([...target.keys].sort());
    expect(keysOf.find((keys) => keys.includes(first!))).toEqual([first]);
  });

  it('forgets a customer in every service, each in its own database', async () => {
    const current = (await asRole<{ customers: { edges: { node: CustomerNode }[] } }>('admin', CUSTOMERS)).customers.edges.map((edge) => edge.node);
    const someone = current.find((c) => c.crmContacts.length > 0 && c.webVisitors.length > 0 && c.channels.includes('POS'))!;
    const { forgetCustomer } = await asRole<{ forgetCustomer: { alreadyForgotten: boolean; counts: { database: string; collection: string; count: number }[] } }>(
      'admin',
      'mutation F($id: ID!) { forgetCustomer(id: $id, reason: "erasure request") { alreadyForgotten counts { database collection count } } }',
      { id: someone.id },
    );
    expect(forgetCustomer.alreadyForgotten).toBe(false);
    const deleted = (database: string, collection: string) =>
      forgetCustomer.counts.filter((c) => c.database === database && c.collection === collection).reduce((sum, c) => sum + c.count, 0);
    expect(deleted('crm', 'contacts')).toBe(someone.crmContacts.length);
    expect(deleted('web', 'visitors')).toBe(someone.webVisitors.length);
    expect(deleted('identity', 'customers')).toBe(1);
    const after = await asRole<{ customer: unknown }>('admin', 'query C($id: ID!) { customer(id: $id) { id } }', { id: someone.id });
    expect(after.customer).toBeNull();
  });

  it('left every database server holding its own database and no other', async () => {
    for (const [name, server] of servers) {
      const held = await databasesOn(server);
      expect({ name, held: held.filter((db) => db !== DATABASES[name]) }).toEqual({ name, held: [] });
    }
  });
});
