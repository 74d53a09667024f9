import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { LimitCode } from './limit-error';

/** Options of `useRateLimit`: `requests` per caller in each window of `windowSeconds`. */
export interface RateLimitOptions {
  requests: number;
  windowSeconds: number;
  /** The id of the caller a request's token named, once authentication has verified it. */
  callerOfRequest: (request: Request) => string | undefined;
}

function remoteAddress(serverContext: unknown): string {
  const req = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req;
  return req?.socket?.remoteAddress ?? 'unknown';
}

function rateLimitError(options: RateLimitOptions, who: string, msBeforeNext: number): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new GraphQLError(
    `Rate limit of ${options.requests} requests per ${options.windowSeconds} s exceeded for ${who}; retry in ${retryAfter} s`,
    {
      extensions: {
        code: LimitCode.RATE,
        limit: options.requests,
        windowSeconds: options.windowSeconds,
        http: { status: 429, headers: { 'retry-after': String(retryAfter) } },
      },
    },
  );
}

/**
 * A per-caller request budget (rate-limiter-flexible, in memory: one budget per gateway replica).
 * An authenticated request spends the budget of the JWT's `sub` before its body is parsed, so
 * documents that fail to parse or validate cost as much as those that run. Requests that
 * authenticate no one spend their IP address's: those without an `Authorization` header before
 * anything else is done for them, those whose token is refused (401) once it is, so guessing
 * tokens is limited too without letting one address's failures lock out the valid tokens sent
 * from it.
 */
export function useRateLimit(options: RateLimitOptions): GatewayPlugin {
  const limiter = new RateLimiterMemory({ points: options.requests, duration: options.windowSeconds });
  async function consume(key: string): Promise<number | undefined> {
    try {
      await limiter.consume(key);
      return undefined;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return rejection.msBeforeNext;
      throw rejection;
    }
  }
  function rateLimitResponse(fetchAPI: { Response: typeof Response }, address: string, waitMs: number): Response {
    const error = rateLimitError(options, `address ${address}`, waitMs);
    const { http, ...extensions } = error.extensions as { http: { headers: Record<string, string> } };
    return new fetchAPI.Response(JSON.stringify({ errors: [{ message: error.message, extensions }] }), {
      status: 429,
      headers: { 'content-type': 'application/json; charset=utf-8', ...http.headers },
    });
  }
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (url.pathname !== '/graphql' || request.headers.get('authorization')) return;
      const address = remoteAddress(serverContext);
      const waitMs = await consume(`ip:${address}`);
      if (waitMs !== undefined) endResponse(rateLimitResponse(fetchAPI, address, waitMs));
    },
    async onResponse({ request, response, serverContext, setResponse, fetchAPI }) {
      if (response.status !== 401 || !request.headers.get('authorization')) return;
      const address = remoteAddress(serverContext);
      const waitMs = await consume(`ip:${address}`);
      if (waitMs !== undefined) setResponse(rateLimitResponse(fetchAPI, address, waitMs));
    },
    async onRequestParse({ request }) {
      const sub = options.callerOfRequest(request);
      // Without a verified caller the request was already counted by address in onRequest.
      if (sub === undefined) return;
      const waitMs = await consume(`sub:${sub}`);
      if (waitMs !== undefined) throw rateLimitError(options, `caller ${sub}`, waitMs);
    },
  };
}
