import type { CommandStartedEvent } from 'mongodb';
import { PAGE_360 } from '../support/customer360';
import { startStack, type Stack } from '../support/stack';

const UPKEEP = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions']);

describe('the agent console\'s 360 query', () => {
  let stack: Stack;
  const commands: CommandStartedEvent[] = [];

  beforeAll(async () => {
    // The cost limit allows a page of 20 of these; this test asks for 100 on purpose.
    stack = await startStack({ seedCustomers: 150, clientOptions: { monitorCommands: true }, env: { OMNIDEX_MAX_COST: '1000000' } });
    stack.client.on('commandStarted', (event) => {
      if (!UPKEEP.has(event.commandName)) commands.push(event);
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('sends the same MongoDB commands for 1 customer as for 100', async () => {
    type Node = { crmContacts: { cases: { edges: unknown[] } }[]; webVisitors: unknown[]; posShoppers: { member: unknown; transactions: { edges: unknown[] } }[] };
    const cursors = await stack.query<{ customers: { edges: { cursor: string }[] } }>('query { customers(first: 100) { edges { cursor } } }');
    const page = await stack.query<{ customers: { edges: { node: Node }[] } }>(PAGE_360, { first: 100 }, { role: 'agent' });
    // A page of one customer with cases, visits, a loyalty card and receipts asks every loader what a page of 100 does.
    const index = page.customers.edges.findIndex(
      ({ node }, i) =>
        i > 0 &&
        node.crmContacts.some((contact) => contact.cases.edges.length > 0) &&
        node.webVisitors.length > 0 &&
        node.posShoppers.some((shopper) => shopper.member !== null && shopper.transactions.edges.length > 0),
    );
    const after = cursors.customers.edges[index - 1]!.cursor;
    const countFor = async (first: number) => {
      commands.length = 0;
      await stack.query(PAGE_360, { first, after }, { role: 'agent' });
      const counts: Record<string, number> = {};
      for (const { databaseName, commandName, command } of commands) {
        // Audit entries are group-committed: a batch may hold one request's entries or several, so
        // their inserts follow timing, not the query's shape.
        if (String(command[commandName]) === 'audit') continue;
        const key = `${databaseName}.${String(command[commandName])}.${commandName}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return counts;
    };
    const one = await countFor(1);
    const hundred = await countFor(100);
    expect(hundred).toEqual(one);
    expect(Object.values(one).reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(20);
  });
});
