import { createClient, NetworkError } from 'graphql-sse';

/**
 * One subscription over graphql-sse's client (the "distinct connections" mode the gateway
 * speaks), shaped for the tests, the bench and scripts: they wait for the stream to open (or read
 * why it was refused), then pull payloads one at a time, each stamped with when it arrived.
 */
export interface SubscriptionPayload {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface SseSubscription {
  /** The HTTP status of the answer (200 when the stream opened). */
  status: number;
  /** The body of an answer that is not a stream (a refusal), parsed when it is JSON. */
  refusal?: unknown;
  /** The next payload, with when it arrived; undefined once the stream has ended. */
  next(timeoutMs?: number): Promise<(SubscriptionPayload & { receivedAt: number }) | undefined>;
  close(): void;
}

async function refusalOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function subscribeOverSse(url: string, query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>): Promise<SseSubscription> {
  // No retries: a refusal (401, 403) is the answer, and a stream cut short has ended.
  const client = createClient({ url, headers, retryAttempts: 0 });
  const received: (SubscriptionPayload & { receivedAt: number })[] = [];
  let ended = false;
  let wake = () => {};
  const end = () => {
    ended = true;
    wake();
  };
  // The arrival time is taken here, not when a caller asks: the bench measures the latency.
  const opened = new Promise<Pick<SseSubscription, 'status' | 'refusal'>>((resolve, reject) => {
    client.subscribe<Record<string, any>>(
      { query, variables },
      {
        next: (result) => {
          received.push({ ...(result as SubscriptionPayload), receivedAt: Date.now() });
          wake();
        },
        error: (error) => {
          end();
          // graphql-sse leaves a refusal's body unread in its NetworkError.
          const response = error instanceof NetworkError ? (error.response as Response | undefined) : undefined;
          if (response) void refusalOf(response).then((refusal) => resolve({ status: response.status, refusal }), reject);
          else reject(error);
        },
        complete: end,
      },
      { connected: () => resolve({ status: 200 }) },
    );
  });
  const { status, refusal } = await opened.catch((error: unknown) => {
    client.dispose();
    throw error;
  });
  return {
    status,
    refusal,
    async next(timeoutMs = 30_000) {
      if (received.length === 0 && !ended) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no subscription event within ${timeoutMs} ms`)), timeoutMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return received.shift();
    },
    close: () => client.dispose(),
  };
}
