import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { CrmContactDoc } from '../../src/contract/documents';
import { startTracing, type Tracing } from '../../src/telemetry/tracing';
import { startStack, type Stack } from '../support/stack';

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('OpenTelemetry traces', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let stack: Stack;

  beforeAll(async () => {
    tracing = (await startTracing({ serviceName: 'omnidex', config: { otlpEndpoint: undefined }, exporter }))!;
    stack = await startStack({ seedCustomers: 20 });
  });
  afterAll(async () => {
    await stack?.stop();
    await tracing?.shutdown();
  });

  it('follow one request from the gateway through each subgraph to each MongoDB command, without personal data', async () => {
    const contact = await stack.dbs.crm.collection<CrmContactDoc>('contacts').findOne({ email: { $exists: true }, lastName: { $exists: true } });
    const email = contact!.email!;
    exporter.reset();
    // The email is a literal in the document, where Hive's plugin would record it.
    const { body } = await stack.post(
      `query FindByEmail { findCustomer(by: { type: EMAIL, value: ${JSON.stringify(email)} }) { id crmContacts { fullName email } profile { email { value } } } }`,
      undefined,
      { role: 'agent' },
    );
    expect(body.errors).toBeUndefined();
    await tracing.forceFlush();
    // The request's trace (the gateway loads its schema on the first request, in a trace of its own).
    const request = exporter.getFinishedSpans().find((span) => span.name === 'POST /graphql' && !span.parentSpanContext)!;
    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === request.spanContext().traceId);

    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const roots = spans.filter((span) => !byId.has(parentOf(span) ?? ''));
    expect(roots).toHaveLength(1);
    const ancestors = (span: ReadableSpan): ReadableSpan[] => {
      const parent = byId.get(parentOf(span) ?? '');
      return parent ? [parent, ...ancestors(parent)] : [];
    };
    const services = (span: ReadableSpan) => ancestors(span).map((a) => a.attributes['omnidex.service']).filter(Boolean);

    // The gateway's spans: the HTTP request at the root, and a fetch per subgraph hop under it.
    expect(roots[0]!.attributes['http.method'] ?? roots[0]!.attributes['http.request.method']).toBe('POST');
    const subgraphSpans = spans.filter((span) => span.attributes['omnidex.service']);
    expect([...new Set(subgraphSpans.map((span) => span.attributes['omnidex.service']))].sort()).toEqual(['crm', 'identity', 'insights', 'pos', 'web']);
    for (const span of subgraphSpans) {
      expect(ancestors(span).map((a) => a.name)).toEqual(['http.fetch', `subgraph.execute (${span.attributes['omnidex.service']})`, 'graphql.execute', 'graphql.operation FindByEmail', 'POST /graphql']);
    }

    // Each MongoDB command under the subgraph request that sent it.
    const commands = spans.filter((span) => span.attributes['db.system'] === 'mongodb');
    expect(commands.length).toBeGreaterThan(3);
    for (const command of commands) expect(services(command)).toHaveLength(1);
    expect(commands.map((command) => command.attributes['db.name'])).toEqual(expect.arrayContaining(['identity', 'crm', 'insights']));

    const exported = JSON.stringify(spans.map((span) => ({ name: span.name, attributes: span.attributes, events: span.events, status: span.status })));
    for (const secret of [email, contact!.lastName!, contact!.firstName ?? email]) expect(exported).not.toContain(secret);
    expect(exported).not.toMatch(/graphql\.document|"variables"|\$in/);
  });
});
