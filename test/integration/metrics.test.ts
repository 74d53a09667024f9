import { startStack, type Stack } from '../support/stack';

/** Every series of a Prometheus text exposition, as its name and labels. */
function seriesOf(text: string): { name: string; labels: Record<string, string> }[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, name, labelText] = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? /.exec(line)!;
      const labels = Object.fromEntries([...(labelText ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key!, value!]));
      return { name: name!, labels };
    });
}

describe('/metrics (issue 12, finding 7)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ seedCustomers: 5 });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const scrape = async (url: string) => {
    const response = await fetch(new URL('/metrics', url), { headers: stack.metricsHeaders });
    expect(response.status).toBe(200);
    return response.text();
  };

  it('keeps the same size class whatever operation names and error paths clients send', async () => {
    // Warm up every metric once, so that the second scrape can only grow by what clients chose.
    await stack.post('query Warm { customers(first: 1) { totalCount } }');
    await stack.post('query WarmError { nope }');
    const before = await scrape(stack.gatewayUrl);

    for (let i = 0; i < 150; i += 1) {
      await stack.post(`query Operation${i} { customers(first: 1) { totalCount } }`);
      // A validation error, and a field error at a client-chosen path (an alias).
      await stack.post(`query Broken${i} { customers(first: 1) { nope${i} } }`);
      await stack.post(`query Denied${i} { alias${i}: auditLog(first: 1) { totalCount } }`, undefined, { role: 'agent' });
    }
    const after = await scrape(stack.gatewayUrl);

    const series = seriesOf(after);
    const valuesByLabel = new Map<string, Set<string>>();
    for (const { labels } of series) {
      for (const [key, value] of Object.entries(labels)) valuesByLabel.set(key, (valuesByLabel.get(key) ?? new Set()).add(value));
    }
    // No label holds more than a handful of values, and none a client's string.
    expect(Math.max(...[...valuesByLabel.values()].map((values) => values.size))).toBeLessThan(40);
    expect(after).not.toMatch(/Operation\d|Broken\d|Denied\d|alias\d|nope\d/);
    expect(series.length).toBeLessThanOrEqual(seriesOf(before).length + 40);
    expect(after.length).toBeLessThan(before.length * 1.5 + 20_000);
  });

  it('answers only the metrics token, on the gateway and on every subgraph', async () => {
    for (const url of [stack.gatewayUrl, ...stack.subgraphs.map((subgraph) => subgraph.url)]) {
      expect((await fetch(new URL('/metrics', url))).status).toBe(401);
      expect((await fetch(new URL('/metrics', url), { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      await scrape(url);
    }
  });
});
