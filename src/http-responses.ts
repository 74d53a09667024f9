import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * How long a server keeps an idle keep-alive connection. Node's default is 5 s, and a client that
 * reuses a connection at the instant the server closes it gets ECONNRESET: load stretches that
 * instant (event-loop delay on both sides), and it failed test requests under load. Load balancers
 * keep idle connections to their targets for 60 s, so a target's must be longer than that, or the
 * balancer's reuse meets the same race.
 */
const KEEP_ALIVE_MS = 65_000;

/** Sets `server`'s keep-alive to outlast its clients' (see KEEP_ALIVE_MS). */
export function keepConnectionsLonger<S extends Server>(server: S): S {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node's guidance: the headers timeout above the keep-alive one, or an idle connection can be
  // cut by the headers timer first.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;
}

/** Answers with a JSON body, as every Omnidex endpoint outside GraphQL execution does. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Refuses a request before GraphQL sees it, in the GraphQL error shape clients already parse. */
export function sendRequestError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] }, headers);
}

/** Thrown while reading a body that outgrows its limit. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

/** A request's whole body, refused with PayloadTooLargeError as soon as it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        // Keep reading into the void so the client sees the 413 rather than a reset connection.
        req.resume();
        reject(new PayloadTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
