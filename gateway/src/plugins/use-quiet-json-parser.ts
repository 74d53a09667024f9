import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { createGraphQLError } from '@graphql-tools/utils';
import type { GraphQLParams } from 'graphql-yoga';

function badRequest(message: string) {
  return createGraphQLError(message, { extensions: { http: { status: 400 }, code: 'BAD_REQUEST' } });
}

function isJson(request: Request): boolean {
  const type = request.headers.get('content-type')?.split(',')[0]?.split(';')[0]?.trim();
  return type === 'application/json' || type === 'application/graphql+json';
}

/**
 * Parses JSON request bodies as Yoga does, but answers one it cannot parse without quoting it:
 * Yoga's own parser puts the JSON error in the answer, and for invalid JSON that message repeats
 * the body, so whatever a caller sent (a token, a customer's email) came back in the answer and
 * every log of it (security review).
 */
export function useQuietJsonParser(): GatewayPlugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      if (request.method !== 'POST' || !isJson(request)) return;
      setRequestParser(async (req): Promise<GraphQLParams> => {
        let body: unknown;
        try {
          body = JSON.parse(await req.text());
        } catch {
          throw badRequest('POST body sent invalid JSON.');
        }
        if (body === null || typeof body !== 'object') throw badRequest(`POST body is expected to be object but received ${body === null ? 'null' : typeof body}`);
        return body as GraphQLParams;
      });
    },
  };
}
