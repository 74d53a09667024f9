import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createGatewayServer } from '../../../gateway/src/server';
import { signBearerToken } from '../../../src/auth/bearer';
import type { Caller, Role } from '../../../src/auth/caller';
import { generateSecret, type AuthSettings } from '../../../src/auth/secrets';
import { loadConfig } from '../../../src/config';
import { createGraphQLListener } from '../../../subgraphs/common/src/http';
import { postGraphQL } from '../../support/stack';

// Two small subgraphs that report the caller their own context received: `accounts` answers the
// root field, `reviews` is reached only through `_entities`, so both kinds of subgraph fetch are
// shown to carry the gateway's signed caller, served by the same listener as Omnidex's subgraphs.

interface EchoContext {
  caller: Caller;
}

const SERVICES = {
  accounts: {
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { me: Account }
      type Account @key(fields: "id") { id: ID! seenByAccounts: String! }
    `),
    resolvers: {
      Query: { me: () => ({ id: 'a-1' }) },
      Account: { seenByAccounts: (_: unknown, __: unknown, { caller }: EchoContext) => `${caller.sub}:${caller.roles.join('+')}` },
    },
  },
  reviews: {
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Account @key(fields: "id") { id: ID! seenByReviews: String! }
    `),
    resolvers: {
      Account: {
        __resolveReference: (reference: { id: string }) => reference,
        seenByReviews: (_: unknown, __: unknown, { caller }: EchoContext) => `${caller.sub}:${caller.roles.join('+')}`,
      },
    },
  },
};

const auth: AuthSettings = { bearer: { secret: generateSecret() }, internalSecret: generateSecret() };
const servers: http.Server[] = [];
const apollos: ApolloServer<EchoContext>[] = [];
let gatewayUrl: string;
let stopGateway: () => Promise<void>;

async function listen(server: http.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  const urls: Record<string, string> = {};
  for (const [name, service] of Object.entries(SERVICES)) {
    const apollo = new ApolloServer<EchoContext>({
      schema: buildSubgraphSchema([{ typeDefs: service.typeDefs, resolvers: service.resolvers }]),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    await apollo.start();
    apollos.push(apollo);
    urls[name] = await listen(
      http.createServer(
        createGraphQLListener<EchoContext>({
          name,
          server: apollo,
          context: async (caller) => ({ caller }),
          internalSecret: auth.internalSecret,
          ready: async () => true,
          maxRequestBytes: 64 * 1024,
          logError: () => undefined,
        }),
      ),
    );
  }
  const composed = composeServices(Object.entries(SERVICES).map(([name, { typeDefs }]) => ({ name, typeDefs, url: urls[name]! })));
  if (composed.errors) throw composed.errors[0];
  const { server, gateway } = createGatewayServer({
    supergraphSdl: composed.supergraphSdl,
    subgraphUrls: urls,
    development: false,
    maxRequestBytes: 64 * 1024,
    logLevel: false,
    auth,
    limits: loadConfig({}).limits,
  });
  gatewayUrl = await listen(server);
  stopGateway = async () => {
    await gateway.dispose();
  };
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await stopGateway?.();
  await Promise.all(apollos.map((apollo) => apollo.stop()));
});

async function bearer(sub: string, roles: Role[]): Promise<Record<string, string>> {
  const token = await signBearerToken({ secret: auth.bearer.secret!, roles, sub, ttlSeconds: 60 });
  return { authorization: `Bearer ${token}` };
}

describe('the caller, from bearer token to every subgraph', () => {
  it('reaches root-field and _entities fetches as the bearer token named it', async () => {
    const { status, body } = await postGraphQL(gatewayUrl, '{ me { id seenByAccounts seenByReviews } }', undefined, await bearer('agent-7', ['agent', 'marketing']));
    expect(status).toBe(200);
    expect(body).toEqual({ data: { me: { id: 'a-1', seenByAccounts: 'agent-7:agent+marketing', seenByReviews: 'agent-7:agent+marketing' } } });
  });

  it('is fresh for each request: two callers at once each see themselves', async () => {
    const [a, b] = await Promise.all([
      postGraphQL(gatewayUrl, '{ me { seenByReviews } }', undefined, await bearer('frontend-app', ['frontend'])),
      postGraphQL(gatewayUrl, '{ me { seenByReviews } }', undefined, await bearer('admin-1', ['admin'])),
    ]);
    expect(a.body.data).toEqual({ me: { seenByReviews: 'frontend-app:frontend' } });
    expect(b.body.data).toEqual({ me: { seenByReviews: 'admin-1:admin' } });
  });
});
