import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, GraphQLError, parse, type GraphQLSchema } from 'graphql';
import type { Caller, Role } from '../../../src/auth/caller';
import type { AuditEntryDoc } from '../../../src/contract/documents';
import { attachAuditTrail, auditTrailOf, useAuditLog, type AuditSink } from '../../../subgraphs/common/src/audit';
import { AUTH_DIRECTIVE_SDL, decide, useAuthorization, type FieldRule } from '../../../subgraphs/common/src/authorization';
import { CLASSIFICATION_DIRECTIVES_SDL } from '../../../subgraphs/common/src/personal-data';
import { createFormatError } from '../../../subgraphs/common/src/errors';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  ${AUTH_DIRECTIVE_SDL}
  ${CLASSIFICATION_DIRECTIVES_SDL.join('\n')}
  type Query { contacts: [Contact!]! customer(id: ID!): String @auth(requires: ["admin"]) }
  type Contact @key(fields: "id") {
    id: ID!
    firstName: String @auth(requires: ["agent", "marketing", "frontend", "admin"])
    email: String @auth(requires: ["agent", "admin"], consented: ["marketing"], consent: "email")
    birthDate: String @auth(requires: ["agent", "admin"])
    homeAddress: String @personal
    notes: [Note!]
    profile: Profile
  }
  "Computed, without a key of its own: its reads belong to the contact that returned it."
  type Profile { email: String @auth(requires: ["agent"]) }
  type Note @auth(requires: ["agent"]) { noteId: ID! text: String }
`);

const contacts = [
  { _id: 'C1', firstName: 'Ada', email: 'ada@example.com', emailOptIn: true, birthDate: '1990-01-01', homeAddress: '1 Main St', notes: [{ noteId: 'N1', text: 'called' }] },
  { _id: 'C2', firstName: 'Bo', email: 'bo@example.com', emailOptIn: false, birthDate: null, homeAddress: null, notes: [], profile: { email: 'b@example.com' } },
];

const schema: GraphQLSchema = useAuthorization(
  buildSubgraphSchema([
    {
      typeDefs,
      resolvers: {
        Query: { contacts: () => contacts, customer: (_: unknown, { id }: { id: string }) => `customer ${id}` },
        // The key is renamed by a resolver: the audit must read it through that resolver.
        Contact: { id: (contact: { _id: string }) => contact._id },
      } as never,
    },
  ]),
);

function collectingSink(): AuditSink & { written: AuditEntryDoc[][] } {
  const written: AuditEntryDoc[][] = [];
  return { written, write: async (entries) => void written.push(entries) };
}

async function run(query: string, roles: Role[] | undefined, sink = collectingSink()) {
  const caller: Caller | undefined = roles ? { sub: 'user-1', roles } : undefined;
  const context = attachAuditTrail({ caller }, sink, 'test');
  const result = await graphql({ schema, source: query, contextValue: context });
  await auditTrailOf(context)!.flush({ caller, operationName: 'Test', at: new Date('2026-01-01T00:00:00Z') });
  return { ...result, errors: result.errors?.map((e) => ({ path: e.path, ...e.extensions })), audit: sink.written };
}

describe('field authorization', () => {
  it('answers allowed fields and nulls denied ones with FORBIDDEN at their path', async () => {
    const { data, errors } = await run('{ contacts { id firstName birthDate } }', ['frontend']);
    expect(data).toEqual({ contacts: [{ id: 'C1', firstName: 'Ada', birthDate: null }, { id: 'C2', firstName: 'Bo', birthDate: null }] });
    expect(errors).toEqual([
      { path: ['contacts', 0, 'birthDate'], code: 'FORBIDDEN', reason: 'ROLE', field: 'Contact.birthDate', allowedRoles: ['agent', 'admin'] },
      { path: ['contacts', 1, 'birthDate'], code: 'FORBIDDEN', reason: 'ROLE', field: 'Contact.birthDate', allowedRoles: ['agent', 'admin'] },
    ]);
  });

  it('shows marketing an email only where its owner opted in', async () => {
    const { data, errors } = await run('{ contacts { email } }', ['marketing']);
    expect(data).toEqual({ contacts: [{ email: 'ada@example.com' }, { email: null }] });
    expect(errors).toEqual([
      { path: ['contacts', 1, 'email'], code: 'FORBIDDEN', reason: 'CONSENT_WITHHELD', field: 'Contact.email', allowedRoles: ['agent', 'admin', 'marketing'] },
    ]);
  });

  it('ignores consent for roles that read unconditionally, and unions the roles of a caller', async () => {
    expect((await run('{ contacts { email } }', ['agent'])).data).toEqual({ contacts: [{ email: 'ada@example.com' }, { email: 'bo@example.com' }] });
    const both = await run('{ contacts { email birthDate } }', ['frontend', 'agent']);
    expect(both.errors).toBeUndefined();
  });

  it('denies everything restricted to a context without a caller', async () => {
    const { data, errors } = await run('{ contacts { id firstName } }', undefined);
    expect(data).toEqual({ contacts: [{ id: 'C1', firstName: null }, { id: 'C2', firstName: null }] });
    expect(errors).toHaveLength(2);
  });

  it('makes a personal field without a rule on the way admin-only', async () => {
    expect((await run('{ contacts { homeAddress } }', ['agent'])).errors?.[0]).toMatchObject({ code: 'FORBIDDEN', field: 'Contact.homeAddress', allowedRoles: ['admin'] });
    expect((await run('{ contacts { homeAddress } }', ['admin'])).errors).toBeUndefined();
  });

  it('applies a type-level @auth to every field of the type', async () => {
    const { data, errors } = await run('{ contacts { notes { text } } }', ['admin']);
    expect(data).toEqual({ contacts: [{ notes: [{ text: null }] }, { notes: [] }] });
    expect(errors).toEqual([{ path: ['contacts', 0, 'notes', 0, 'text'], code: 'FORBIDDEN', reason: 'ROLE', field: 'Note.text', allowedRoles: ['agent'] }]);
    // A denied non-null field of the type nulls the nearest nullable parent: the guarded list.
    const withKey = await run('{ contacts { notes { noteId } } }', ['admin']);
    expect(withKey.data).toEqual({ contacts: [{ notes: null }, { notes: [] }] });
    expect(withKey.errors?.[0]).toMatchObject({ path: ['contacts', 0, 'notes', 0, 'noteId'], code: 'FORBIDDEN' });
  });
});

describe('the audit trail', () => {
  it('writes one entry per entity with the restricted fields read, once per request, never the values', async () => {
    const { audit } = await run('{ contacts { id firstName email birthDate } }', ['agent']);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.map(({ _id, ...entry }) => entry)).toEqual([
      { at: new Date('2026-01-01T00:00:00Z'), sub: 'user-1', roles: ['agent'], subgraph: 'test', operationName: 'Test', entityType: 'Contact', entityKey: 'C1', fields: ['birthDate', 'email'] },
      // C2 has no birth date: nothing disclosed, nothing audited.
      { at: new Date('2026-01-01T00:00:00Z'), sub: 'user-1', roles: ['agent'], subgraph: 'test', operationName: 'Test', entityType: 'Contact', entityKey: 'C2', fields: ['email'] },
    ]);
    expect(JSON.stringify(audit)).not.toContain('example.com');
  });

  it('audits neither denied reads nor fields every role may read', async () => {
    const { audit } = await run('{ contacts { id firstName birthDate } }', ['frontend']);
    expect(audit).toEqual([]);
  });

  it('attributes reads on an object without a key to the entity whose field returned it', async () => {
    const { audit } = await run('{ contacts { profile { email } } }', ['agent']);
    expect(audit[0]!.map((entry) => [entry.entityType, entry.entityKey, entry.fields])).toEqual([['Contact', 'C2', ['Profile.email']]]);
  });

  it('attributes a restricted root field to the id it was asked for', async () => {
    const { audit } = await run('{ customer(id: "K9") }', ['admin']);
    expect(audit[0]!.map((entry) => [entry.entityType, entry.entityKey, entry.fields])).toEqual([['Query', 'K9', ['customer']]]);
  });
});

describe('misconfiguration', () => {
  const build = (sdl: string) => () =>
    useAuthorization(buildSubgraphSchema([{ typeDefs: parse(`${AUTH_DIRECTIVE_SDL}\ntype Query { ${sdl} }`) }]));

  it('refuses restricted non-null fields, unknown roles and consents, naming the field', () => {
    expect(build('email: String! @auth(requires: ["agent"])')).toThrow(/Query\.email is restricted by @auth but non-null/);
    expect(build('email: String @auth(requires: ["agnet"])')).toThrow(/@auth on Query\.email requires: unknown role "agnet"/);
    expect(build('email: String @auth(requires: ["agent"], consented: ["marketing"], consent: "fax")')).toThrow(/unknown consent "fax"/);
    expect(build('email: String @auth(requires: ["agent"], consented: ["marketing"])')).toThrow(/need a `consent`/);
  });
});

describe('decide', () => {
  const rule: FieldRule = { coordinate: 'T.f', requires: ['agent'], consented: ['marketing'], consent: 'sms', implicit: false };
  it('checks the consent flag of the record itself', () => {
    const marketing: Caller = { sub: 'm', roles: ['marketing'] };
    expect(decide(rule, marketing, { smsOptIn: true })).toEqual({ allowed: true });
    expect(decide(rule, marketing, { smsOptIn: 'yes' })).toEqual({ allowed: false, reason: 'CONSENT_WITHHELD' });
    expect(decide(rule, marketing, {})).toEqual({ allowed: false, reason: 'CONSENT_WITHHELD' });
    // A golden profile carries its consents as attributes.
    expect(decide(rule, marketing, { smsOptIn: { value: true, source: 'crm' } })).toEqual({ allowed: true });
    expect(decide(rule, marketing, { smsOptIn: { value: false, source: 'crm' } })).toEqual({ allowed: false, reason: 'CONSENT_WITHHELD' });
    expect(decide(rule, { sub: 'f', roles: ['frontend'] }, { smsOptIn: true })).toEqual({ allowed: false, reason: 'ROLE' });
  });
});

describe('formatError', () => {
  it('lets FORBIDDEN and its explanation through to the client', () => {
    const error = new GraphQLError('Not allowed to read T.f', { path: ['t', 'f'], extensions: { code: 'FORBIDDEN', reason: 'ROLE', field: 'T.f', allowedRoles: ['agent'] } });
    const formatted = createFormatError(() => undefined)({ message: error.message, path: error.path, extensions: error.extensions }, error);
    expect(formatted).toEqual({ message: 'Not allowed to read T.f', path: ['t', 'f'], extensions: { code: 'FORBIDDEN', reason: 'ROLE', field: 'T.f', allowedRoles: ['agent'] } });
  });
});

describe('useAuditLog', () => {
  it('fails closed: when the audit entries cannot be written, no personal data is returned', async () => {
    const logged: unknown[] = [];
    const server = new ApolloServer<{ caller: Caller }>({
      schema,
      plugins: [ApolloServerPluginInlineTraceDisabled(), useAuditLog((error) => logged.push(error))],
    });
    await server.start();
    try {
      const broken: AuditSink = { write: async () => Promise.reject(new Error('audit database unreachable')) };
      const caller: Caller = { sub: 'agent-1', roles: ['agent'] };
      const response = await server.executeOperation(
        { query: '{ contacts { id email } }' },
        { contextValue: attachAuditTrail({ caller }, broken, 'test') },
      );
      expect(response.body.kind === 'single' && response.body.singleResult).toEqual({
        data: null,
        errors: [{ message: 'The audit log could not be written, so no personal data is returned', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
      expect(logged).toEqual([new Error('audit database unreachable')]);

      // Nothing restricted read, nothing to write: the same broken sink does not matter.
      const open = await server.executeOperation({ query: '{ contacts { id } }' }, { contextValue: attachAuditTrail({ caller }, broken, 'test') });
      expect(open.body.kind === 'single' && open.body.singleResult.data).toEqual({ contacts: [{ id: 'C1' }, { id: 'C2' }] });
    } finally {
      await server.stop();
    }
  });
});
