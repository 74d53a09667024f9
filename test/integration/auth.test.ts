import { SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { ROLES } from '../../src/auth/caller';
import { INTERNAL_AUDIENCE, INTERNAL_CALLER_HEADER, INTERNAL_ISSUER } from '../../src/auth/internal';
import { generateSecret } from '../../src/auth/secrets';
import { COLLECTIONS, DATABASES, type CrmContactDoc } from '../../src/contract/documents';
import type { RunningSubgraph } from '../../subgraphs/common/src/subgraph';
import { callerWith } from '../support/auth';
import { postGraphQL, startStack, type GraphQLResponse, type Stack } from '../support/stack';

const ISSUER = 'https://login.example.test/';
const AUDIENCE = 'omnidex-api';
const CONTACT_QUERY = '{ crmContact(contactId: "C-auth") { contactId } }';
const now = () => Math.floor(Date.now() / 1000);

let stack: Stack;
let crm: RunningSubgraph;

beforeAll(async () => {
  stack = await startStack({ env: { OMNIDEX_JWT_ISSUER: ISSUER, OMNIDEX_JWT_AUDIENCE: AUDIENCE } });
  crm = stack.subgraphs.find((subgraph) => subgraph.name === 'crm')!;
  await stack.client.db(DATABASES.crm).collection<CrmContactDoc>(COLLECTIONS.crm.contacts).insertOne({
    _id: 'C-auth',
    contactId: 'C-auth',
    firstName: 'Ada',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    imported: { file: 'crm/contacts.jsonl', line: 1, importedAt: new Date('2026-01-02T00:00:00Z') },
  });
});

afterAll(async () => {
  await stack?.stop();
});

/** Signs HS256 claims as a token issuer would, defaulting to what the stack's gateway expects. */
function signGateway(claims: JWTPayload, secret = stack.auth.bearer.secret!): Promise<string> {
  return new SignJWT({ sub: 'user-1', roles: ['admin'], iss: ISSUER, aud: AUDIENCE, exp: now() + 600, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));
}

/** Signs an internal caller token, defaulting to a valid one for the stack's subgraphs. */
function signInternal(claims: JWTPayload, secret = stack.auth.internalSecret): Promise<string> {
  return new SignJWT({ sub: 'user-1', roles: ['admin'], iss: INTERNAL_ISSUER, aud: INTERNAL_AUDIENCE, iat: now(), exp: now() + 60, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));
}

function expectUnauthenticated(response: GraphQLResponse, reason: RegExp): void {
  expect(response.status).toBe(401);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toEqual([{ message: expect.stringMatching(reason), extensions: { code: 'UNAUTHENTICATED' } }]);
  // A reason, never a stack trace or the token itself.
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .*\.ts|eyJ/);
}

describe('authentication at the gateway', () => {
  it('refuses a request without a token, naming the header it needs', async () => {
    expectUnauthenticated(await postGraphQL(stack.gatewayUrl, CONTACT_QUERY), /Authorization: Bearer/);
  });

  it('refuses other schemes and tokens that are not JWTs', async () => {
    expectUnauthenticated(await postGraphQL(stack.gatewayUrl, CONTACT_QUERY, undefined, { authorization: 'Basic YWRtaW46YWRtaW4=' }), /must be "Bearer <JWT>"/);
    expectUnauthenticated(await postGraphQL(stack.gatewayUrl, CONTACT_QUERY, undefined, { authorization: 'Bearer not-a-jwt' }), /not a well-formed JWT/);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await signGateway({}, generateSecret());
    expectUnauthenticated(await postGraphQL(stack.gatewayUrl, CONTACT_QUERY, undefined, { authorization: `Bearer ${forged}` }), /signature is invalid/);
  });

  it('refuses an expired token and one without an expiry', async () => {
    const expired = await signGateway({ iat: now() - 7_200, exp: now() - 3_600 });
    expectUnauthenticated(await postGraphQL(stack.gatewayUrl, CONTACT_QUERY, undefined, { authorization: `Bearer ${expired}` }), /has expired/);
    const endless = await signGateway({ exp: undefined });
    expectUnauthenticated(await postGraphQL(stack.gatewayUrl, CONTACT_QUERY, undefined, { authorization: `Bearer ${endless}` }), /"exp"/);
  });

  it('refuses a token from another issuer or for another audience', async () => {
    const otherIssuer = await signGateway({ iss: 'https://evil.example.test/' });
    expectUnauthenticated(await postGraphQL(stack.gatewayUrl, CONTACT_QUERY, undefined, { authorization: `Bearer ${otherIssuer}` }), /"iss"/);
    const otherAudience = await signGateway({ aud: 'another-api' });
    expectUnauthenticated(await postGraphQL(stack.gatewayUrl, CONTACT_QUERY, undefined, { authorization: `Bearer ${otherAudience}` }), /"aud"/);
  });

  it('refuses an unsigned token (alg none) and claims of the wrong shape', async () => {
    const unsigned = new UnsecuredJWT({ sub: 'user-1', roles: ['admin'] }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('10m').encode();
    expectUnauthenticated(await postGraphQL(stack.gatewayUrl, CONTACT_QUERY, undefined, { authorization: `Bearer ${unsigned}` }), /algorithm none is not accepted/);
    const noSubject = await signGateway({ sub: undefined });
    expectUnauthenticated(await postGraphQL(stack.gatewayUrl, CONTACT_QUERY, undefined, { authorization: `Bearer ${noSubject}` }), /"sub"/);
    const rolesAsString = await signGateway({ roles: 'admin' });
    expectUnauthenticated(await postGraphQL(stack.gatewayUrl, CONTACT_QUERY, undefined, { authorization: `Bearer ${rolesAsString}` }), /"roles" claim must be an array/);
  });

  it('is not fooled by a client sending its own internal caller header', async () => {
    const internal = await signInternal({});
    expectUnauthenticated(await postGraphQL(stack.gatewayUrl, CONTACT_QUERY, undefined, { [INTERNAL_CALLER_HEADER]: internal }), /Authorization: Bearer/);
  });

  it.each(ROLES)('authenticates the %s role and answers through the subgraphs', async (role) => {
    const { status, body } = await postGraphQL(stack.gatewayUrl, '{ customer(id: "cus_nobody") { id } }', undefined, await stack.authHeaders(role));
    expect(status).toBe(200);
    expect(body).toEqual({ data: { customer: null } });
  });

  it('authenticates a token whose roles are all unknown, as a caller with no role', async () => {
    const stranger = await signGateway({ roles: ['superuser', 'root'] });
    const { status, body } = await postGraphQL(stack.gatewayUrl, '{ customer(id: "cus_nobody") { id } }', undefined, { authorization: `Bearer ${stranger}` });
    expect(status).toBe(200);
    expect(body.data).toEqual({ customer: null });
  });

  it('answers no GraphQL without a token on look-alike paths either', async () => {
    for (const route of ['/graphql/', '/GRAPHQL', '/graphql;x', '//graphql']) {
      const response = await fetch(`${new URL(stack.gatewayUrl).origin}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: CONTACT_QUERY }),
      });
      const text = await response.text();
      expect({ route, leaked: text.includes('C-auth') }).toEqual({ route, leaked: false });
      // Yoga serves GraphQL on `/graphql/` too; every path but the open ones wants a token.
      expect({ route, status: response.status }).toEqual({ route, status: 401 });
    }
  });

  it('leaves health, readiness and metrics open', async () => {
    for (const route of ['/healthz', '/readyz', '/metrics']) {
      expect((await fetch(new URL(route, stack.gatewayUrl))).status).toBe(200);
    }
  });
});

describe('subgraphs trust only the gateway', () => {
  const asGateway = (token: string) => ({ [INTERNAL_CALLER_HEADER]: token });

  it('answers with data when the internal token is valid', async () => {
    const { status, body } = await postGraphQL(crm.url, CONTACT_QUERY, undefined, await stack.internalHeaders(callerWith('agent')));
    expect(status).toBe(200);
    expect(body).toEqual({ data: { crmContact: { contactId: 'C-auth' } } });
  });

  it('refuses a request without the internal token', async () => {
    expectUnauthenticated(await postGraphQL(crm.url, CONTACT_QUERY), /Missing x-omnidex-caller/);
  });

  it('refuses a bearer token meant for the gateway', async () => {
    const bearer = await stack.tokenFor('admin');
    expectUnauthenticated(await postGraphQL(crm.url, CONTACT_QUERY, undefined, { authorization: `Bearer ${bearer}` }), /Missing x-omnidex-caller/);
    expectUnauthenticated(await postGraphQL(crm.url, CONTACT_QUERY, undefined, asGateway(bearer)), /signature is invalid/);
  });

  it('refuses a forged, expired, tampered or misdirected internal token', async () => {
    const forged = await signInternal({}, generateSecret());
    expectUnauthenticated(await postGraphQL(crm.url, CONTACT_QUERY, undefined, asGateway(forged)), /signature is invalid/);

    const expired = await signInternal({ iat: now() - 600, exp: now() - 300 });
    expectUnauthenticated(await postGraphQL(crm.url, CONTACT_QUERY, undefined, asGateway(expired)), /has expired/);

    // Promote a frontend caller to admin by rewriting the payload, keeping the original signature.
    const [header, , signature] = (await signInternal({ roles: ['frontend'] })).split('.');
    const promoted = Buffer.from(JSON.stringify({ sub: 'user-1', roles: ['admin'], iss: INTERNAL_ISSUER, aud: INTERNAL_AUDIENCE, exp: now() + 60 })).toString('base64url');
    expectUnauthenticated(await postGraphQL(crm.url, CONTACT_QUERY, undefined, asGateway(`${header}.${promoted}.${signature}`)), /signature is invalid/);

    const otherAudience = await signInternal({ aud: 'somebody-else' });
    expectUnauthenticated(await postGraphQL(crm.url, CONTACT_QUERY, undefined, asGateway(otherAudience)), /"aud"/);
  });

  it('refuses every subgraph the same way, over GET as well as POST', async () => {
    for (const subgraph of stack.subgraphs) {
      const url = new URL(subgraph.url);
      url.searchParams.set('query', '{ __typename }');
      const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
      expect({ name: subgraph.name, status: response.status }).toEqual({ name: subgraph.name, status: 401 });
      const ok = await fetch(url, { headers: { 'apollo-require-preflight': 'true', ...(await stack.internalHeaders()) } });
      expect({ name: subgraph.name, status: ok.status }).toEqual({ name: subgraph.name, status: 200 });
    }
  });
});
