import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBearerVerifier } from '../../src/auth/bearer';
import { hasRole, INGEST_ROLE, SERVICE_ROLE, type Caller } from '../../src/auth/caller';
import { AuthenticationError } from '../../src/auth/errors';
import { INTERNAL_CALLER_HEADER, signInternalToken } from '../../src/auth/internal';
import type { AuthSettings } from '../../src/auth/secrets';
import { IngestOutput, type IngestAnswer } from '../../src/contract/internal-operations';
import { PayloadTooLargeError, readBody, sendJson, sendRequestError } from '../../src/http-responses';
import { acceptsFormat, INGEST_KIND_NAMES, isIngestKind, type IngestFormat, type IngestKind } from '../../src/import/ingest';

export const INGEST_PATH_PREFIX = '/ingest/';

export interface IngestRouteOptions {
  auth: AuthSettings;
  /** The channel subgraphs' GraphQL URLs, by name; their internal operations are beside them. */
  subgraphUrls: Record<string, string>;
  /** OMNIDEX_MAX_INGEST_KB, in bytes: larger bodies get 413. */
  maxBytes: number;
  /** How long the channel service may take to write one body. */
  timeoutMs?: number;
}

const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/json-lines']);

function formatOf(contentType: string | undefined): IngestFormat | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (NDJSON_TYPES.has(mediaType)) return 'ndjson';
  if (mediaType === 'text/csv') return 'csv';
  return undefined;
}

function newIngestId(now: Date): string {
  return `ing-${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`;
}

/**
 * `POST /ingest/{crm/contacts|crm/cases|web/events|pos/members|pos/transactions}`: authenticated
 * with a bearer token holding the `ingest` role; NDJSON bodies (`application/x-ndjson`), or CSV with
 * its header row (`text/csv`) for the POS kinds, in the file contract. The gateway writes nothing
 * itself: it forwards the body to the channel service that owns the kind (internal operation
 * `ingest`), which validates, quarantines and writes as `omnidex import` does.
 *
 * 200 `{ ingestId, kind, read, inserted, updated, unchanged, quarantined, suppressed, quarantinedRows: [{ line, reason }] }`;
 * 400 a CSV header the contract does not know; 401/403 no token, or no `ingest` role; 404 an unknown
 * kind; 411 no Content-Length; 413 too large; 415 another media type; 429 with Retry-After while
 * resolution lags behind (the channel's outbox is full); 503 the channel service is unreachable.
 */
export function createIngestRoute(options: IngestRouteOptions): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void> {
  const verify = createBearerVerifier(options.auth.bearer);

  async function forward(kind: IngestKind, format: IngestFormat, body: Buffer, caller: Caller, receivedAt: Date, ingestId: string): Promise<IngestAnswer | undefined> {
    const channel = kind.slice(0, kind.indexOf('/'));
    const graphqlUrl = options.subgraphUrls[channel];
    if (!graphqlUrl) return undefined;
    const utf8 = isUtf8(body);
    const token = await signInternalToken({ sub: caller.sub, roles: [SERVICE_ROLE] }, options.auth.internalSecret);
    const response = await fetch(new URL('/internal/ingest', graphqlUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_CALLER_HEADER]: token },
      body: JSON.stringify({
        kind,
        format,
        body: body.toString(utf8 ? 'utf8' : 'base64'),
        encoding: utf8 ? 'utf8' : 'base64',
        ingestId,
        receivedAt: receivedAt.toISOString(),
      }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
    });
    if (response.status !== 200) throw new Error(`the ${channel} service answered HTTP ${response.status}`);
    return IngestOutput.parse(await response.json());
  }

  return async (req, res, pathname) => {
    const receivedAt = new Date();
    const kind = pathname.slice(INGEST_PATH_PREFIX.length);
    const refuse = (status: number, code: string, message: string, headers?: Record<string, string>) => {
      req.resume();
      sendRequestError(res, status, code, message, headers);
    };
    if (req.method !== 'POST') return refuse(405, 'METHOD_NOT_ALLOWED', 'The ingest API takes POST requests', { allow: 'POST' });
    let caller: Caller;
    try {
      caller = await verify(req.headers.authorization);
    } catch (error) {
      if (error instanceof AuthenticationError) return refuse(401, error.code, error.message, { 'www-authenticate': 'Bearer' });
      throw error;
    }
    if (!hasRole(caller, INGEST_ROLE)) return refuse(403, 'FORBIDDEN', 'Writing through the ingest API needs the ingest role');
    if (!isIngestKind(kind)) return refuse(404, 'NOT_FOUND', `No ingest kind ${JSON.stringify(kind)}; kinds are ${INGEST_KIND_NAMES.join(', ')}`);
    const format = formatOf(req.headers['content-type']);
    if (!format || !acceptsFormat(kind, format)) {
      const accepted = acceptsFormat(kind, 'csv') ? 'application/x-ndjson or text/csv' : 'application/x-ndjson';
      return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', `${kind} rows are sent as ${accepted}`);
    }
    let body: Buffer;
    try {
      body = await readBody(req, options.maxBytes);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) return refuse(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds the limit of ${options.maxBytes} bytes (OMNIDEX_MAX_INGEST_KB)`, { connection: 'close' });
      throw error;
    }
    const ingestId = newIngestId(receivedAt);
    let answer: IngestAnswer | undefined;
    try {
      answer = await forward(kind, format, body, caller, receivedAt, ingestId);
    } catch {
      return refuse(503, 'SERVICE_UNAVAILABLE', `The ${kind.split('/')[0]} service cannot take rows right now; send them again shortly`, { 'retry-after': '5' });
    }
    if (!answer) return refuse(503, 'SERVICE_UNAVAILABLE', `No ${kind.split('/')[0]} service is configured`);
    switch (answer.status) {
      case 'busy':
        return refuse(429, 'INGEST_BACK_PRESSURE', `Resolution is behind (${answer.pending} batches waiting); retry in ${answer.retryAfterSeconds} s`, {
          'retry-after': String(answer.retryAfterSeconds),
        });
      case 'refused':
        return refuse(400, 'BAD_REQUEST', answer.reason);
      case 'accepted': {
        const { status: _status, ...counts } = answer;
        sendJson(res, 200, { ingestId, kind, ...counts });
      }
    }
  };
}
