import type { ServerResponse } from 'node:http';

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
