import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/*
 * No personal data leaves in a span. Instrumentations record more than Omnidex wants exported:
 * Hive Gateway's plugin puts the GraphQL document (with its literals: an email typed into a
 * query) in `graphql.document`, URLs may carry a query string, exceptions carry their message. So
 * every span is copied on its way out with allow-listed attributes only, URLs without their query
 * string, exception events reduced to the exception's type, and no status message.
 */

const ALLOWED = new Set([
  'http.method',
  'http.request.method',
  'http.route',
  'http.scheme',
  'http.host',
  'http.status_code',
  'http.response.status_code',
  'http.request.resend_count',
  'net.host.name',
  'server.address',
  'server.port',
  'url.scheme',
  'url.path',
  'graphql.operation.type',
  'graphql.operation.name',
  'db.system',
  'db.name',
  'db.operation',
  'db.mongodb.collection',
  'omnidex.service',
  'exception.type',
]);
const URLS = new Set(['http.url', 'url.full']);

function allowedAttributes(attributes: ReadableSpan['attributes']): ReadableSpan['attributes'] {
  const kept: Record<string, ReadableSpan['attributes'][string]> = {};
  for (const [key, value] of Object.entries(attributes)) {
    // Hive's own: request ids, operation hashes, subgraph names, error counts and codes.
    if (ALLOWED.has(key) || (key.startsWith('hive.') && !/document|variables|query/.test(key))) kept[key] = value;
    else if (URLS.has(key) && typeof value === 'string') kept[key] = value.split('?')[0];
  }
  return kept;
}

/** A copy of `span` as `ScrubbingSpanExporter` sends it. */
export function scrubSpan(span: ReadableSpan): ReadableSpan {
  return Object.create(span, {
    attributes: { value: allowedAttributes(span.attributes) },
    events: { value: span.events.map((event) => ({ ...event, attributes: event.attributes && allowedAttributes(event.attributes) })) },
    status: { value: { code: span.status.code } },
  }) as ReadableSpan;
}

/** Exports through `inner` what `scrubSpan` keeps of each span. */
export class ScrubbingSpanExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans.map(scrubSpan), done);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
