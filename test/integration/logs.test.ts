import { Writable } from 'node:stream';
import type { CrmContactDoc, PosMemberDoc } from '../../src/contract/documents';
import { startStack, type Stack } from '../support/stack';

/** Every log line the services write, parsed. */
function captureLines(): { stream: Writable; lines: Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const lines: Record<string, unknown>[] = [];
  return {
    stream,
    lines,
    text: () => {
      lines.length = 0;
      for (const line of chunks.join('').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      return chunks.join('');
    },
  };
}

const PROFILE = /* GraphQL */ `query AgentProfile($id: ID!) {
  customer(id: $id) { id crmContacts { fullName postalCode birthDate } profile { fullName { value } postalCode { value } birthDate { value } } }
}`;

describe('the services\' logs (issue 12, finding 6)', () => {
  let stack: Stack;
  const capture = captureLines();

  beforeAll(async () => {
    stack = await startStack({ seedCustomers: 30, env: { OMNIDEX_LOG_LEVEL: 'debug' }, logDestination: capture.stream });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('carries no name, postcode, birth date or variable of a subgraph request that failed', async () => {
    // A contact whose name, postcode and birth date are known, and its customer.
    const contact = await stack.dbs.crm
      .collection<CrmContactDoc>('contacts')
      .findOne({ firstName: { $exists: true }, lastName: { $exists: true }, postalCode: { $exists: true }, birthDate: { $exists: true } });
    const record = await stack.dbs.identity.collection<{ _id: string; customerId: string }>('records').findOne({ _id: `crm:contact:${contact!._id}` });
    const members = await stack.dbs.pos.collection<PosMemberDoc>('members').find({}).limit(50).toArray();
    const before = await stack.post(PROFILE, { id: record!.customerId }, { role: 'agent' });
    expect(before.body.errors).toBeUndefined();

    // insights is sent the customer's facts (names, postcodes, birth dates): make that request fail.
    await stack.subgraphs.find((subgraph) => subgraph.name === 'insights')!.stop();
    const { body } = await stack.post(PROFILE, { id: record!.customerId }, { role: 'agent' });
    expect(body.errors?.map((error) => error.extensions?.code)).toContain('SUBGRAPH_UNAVAILABLE');

    const text = capture.text();
    const failures = capture.lines.filter((line) => line.service === 'gateway' && (line.level === 'error' || line.level === 'warn'));
    expect(failures.length).toBeGreaterThan(0);
    const secrets = [contact!.firstName!, contact!.lastName!, contact!.postalCode!, contact!.birthDate!, record!.customerId];
    for (const member of members) secrets.push(...[member.firstName, member.lastName, member.postalCode].filter((v): v is string => Boolean(v)));
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/"variables"|"representations"|"query"|_entities/);
    // What a line may carry: ids, codes, subgraph and operation names, and the request's trace id.
    expect(failures.some((line) => JSON.stringify(line).includes('insights'))).toBe(true);
    for (const line of capture.lines) expect(line).toMatchObject({ service: expect.any(String), time: expect.any(String) });
    expect(failures.every((line) => typeof line.trace_id === 'string')).toBe(true);
  });
});
