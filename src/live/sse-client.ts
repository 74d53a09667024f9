/**
 * A GraphQL-over-SSE client (the "distinct connections" mode the gateway speaks): POSTs one
 * subscription with `Accept: text/event-stream` and hands back each `next` payload. For the
 * tests, the bench and scripts that follow subscriptions without a browser's EventSource.
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

export async function subscribeOverSse(url: string, query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>): Promise<SseSubscription> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  if (!response.ok || !(response.headers.get('content-type') ?? '').includes('text/event-stream') || !response.body) {
    const text = await response.text();
    let refusal: unknown = text;
    try {
      refusal = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: response.status, refusal, next: async () => undefined, close: () => controller.abort() };
  }
  const queue: (SubscriptionPayload & { receivedAt: number })[] = [];
  const waiters: ((value: (SubscriptionPayload & { receivedAt: number }) | undefined) => void)[] = [];
  let ended = false;
  const deliver = (payload: (SubscriptionPayload & { receivedAt: number }) | undefined) => {
    const waiter = waiters.shift();
    if (waiter) waiter(payload);
    else if (payload) queue.push(payload);
  };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = message.split('\n');
          const event = lines.find((line) => line.startsWith('event:'))?.slice(6).trim();
          const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
          if (event === 'complete') return;
          if (data) deliver({ ...(JSON.parse(data) as SubscriptionPayload), receivedAt: Date.now() });
        }
      }
    } catch {
      // aborted or cut: the stream has ended
    } finally {
      ended = true;
      while (waiters.length > 0) waiters.shift()!(undefined);
    }
  })();
  return {
    status: response.status,
    next(timeoutMs = 30_000) {
      if (queue.length > 0) return Promise.resolve(queue.shift());
      if (ended) return Promise.resolve(undefined);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = waiters.indexOf(settle);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`no subscription event within ${timeoutMs} ms`));
        }, timeoutMs);
        const settle = (value: (SubscriptionPayload & { receivedAt: number }) | undefined) => {
          clearTimeout(timer);
          resolve(value);
        };
        waiters.push(settle);
      });
    },
    close: () => controller.abort(),
  };
}
