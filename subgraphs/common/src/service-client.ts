import { SERVICE_ROLE, type Caller } from '../../../src/auth/caller';
import { INTERNAL_CALLER_HEADER, signInternalToken } from '../../../src/auth/internal';
import type { SubgraphName } from '../../../src/config';
import {
  INTERNAL_OPERATIONS,
  type InternalInput,
  type InternalOperationName,
  type InternalOutput,
} from '../../../src/contract/internal-operations';

/** A call to another service failed for good (after the retries, or refused outright). */
export class ServiceCallError extends Error {
  constructor(
    readonly service: SubgraphName,
    readonly operation: InternalOperationName,
    message: string,
    /** Whether asking again later may succeed (the service was down), as opposed to a refusal. */
    readonly transient: boolean,
  ) {
    super(`${service} ${operation}: ${message}`);
    this.name = 'ServiceCallError';
  }
}

/** One other service's internal operations, called over HTTP with the internal caller token. */
export interface ServiceClient {
  readonly name: SubgraphName;
  /** Runs `operation` as the service role, on behalf of `caller` (whose `sub` the callee audits). */
  call<N extends InternalOperationName>(operation: N, input: InternalInput<N>, caller: Caller): Promise<InternalOutput<N>>;
}

export type ServiceClients = Partial<Record<SubgraphName, ServiceClient>>;

export interface ServiceClientOptions {
  name: SubgraphName;
  /** The service's GraphQL URL (as the gateway knows it); internal operations are beside it. */
  graphqlUrl: string;
  internalSecret: string;
  /** How long one attempt may take. */
  timeoutMs?: number;
  /** Waits before each retry of a transient failure; its length is the number of retries. */
  retryDelaysMs?: readonly number[];
}

const DEFAULT_RETRY_DELAYS_MS = [200, 1_000, 3_000];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client for one service. A network failure, a timeout or a 5xx is retried with back-off (the
 * operations are idempotent); a 4xx is the caller's mistake and fails at once.
 */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const base = new URL(options.graphqlUrl);
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  return {
    name: options.name,
    async call(operation, input, caller) {
      const url = new URL(`/internal/${operation}`, base);
      let lastError = 'no attempt made';
      for (let attempt = 0; attempt <= delays.length; attempt++) {
        if (attempt > 0) await sleep(delays[attempt - 1]!);
        const token = await signInternalToken({ sub: caller.sub, roles: [SERVICE_ROLE] }, options.internalSecret);
        let response: Response;
        try {
          response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [INTERNAL_CALLER_HEADER]: token },
            body: JSON.stringify(input),
            signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
          });
        } catch (error) {
          lastError = error instanceof Error ? error.message : String(error);
          continue;
        }
        const text = await response.text();
        if (response.status >= 500) {
          lastError = `HTTP ${response.status}`;
          continue;
        }
        if (response.status !== 200) {
          throw new ServiceCallError(options.name, operation, `refused with HTTP ${response.status}: ${text.slice(0, 500)}`, false);
        }
        return INTERNAL_OPERATIONS[operation].output.parse(JSON.parse(text)) as InternalOutput<typeof operation>;
      }
      throw new ServiceCallError(options.name, operation, `unreachable after ${delays.length + 1} attempts (${lastError})`, true);
    },
  };
}
