import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import type { RunningSubgraph, StartSubgraphOptions, SubgraphModule } from '../../../subgraphs/common/src/subgraph';
import { TEST_INTERNAL_SECRET } from '../../support/auth';

/** Connection upkeep the driver runs on its own; not part of what a query costs. */
const UPKEEP = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'saslStart', 'saslContinue', 'buildInfo']);

/** Counts the commands the driver starts, by name, through its command monitoring. */
export class CommandCounter {
  private counts = new Map<string, number>();

  constructor(client: MongoClient) {
    client.on('commandStarted', (event: CommandStartedEvent) => {
      if (UPKEEP.has(event.commandName)) return;
      this.counts.set(event.commandName, (this.counts.get(event.commandName) ?? 0) + 1);
    });
  }

  reset(): void {
    this.counts.clear();
  }

  byName(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  total(): number {
    return [...this.counts.values()].reduce((sum, n) => sum + n, 0);
  }
}

export interface SubgraphHarness {
  mongo: EmbeddedMongo;
  client: MongoClient;
  commands: CommandCounter;
  /**
   * Starts a subgraph on a free port; it trusts `TEST_INTERNAL_SECRET` unless told otherwise, so
   * requests to it carry `await internalHeaders(caller)` from test/support/auth.ts.
   */
  start(module: SubgraphModule, options?: Partial<Omit<StartSubgraphOptions, 'db'>>): Promise<RunningSubgraph>;
  stop(): Promise<void>;
}

/**
 * The embedded MongoDB in memory on a free port, one driver client with command monitoring, and
 * subgraphs started on free ports; `stop` tears all of it down.
 */
export async function startHarness(): Promise<SubgraphHarness> {
  const mongo = await startEmbeddedMongo();
  const client = new MongoClient(mongo.uri, { monitorCommands: true });
  await client.connect();
  const commands = new CommandCounter(client);
  const running: RunningSubgraph[] = [];
  return {
    mongo,
    client,
    commands,
    async start(module, options = {}) {
      const subgraph = await module.start({ internalSecret: TEST_INTERNAL_SECRET, ...options, db: client.db(module.database), port: 0 });
      running.push(subgraph);
      return subgraph;
    },
    async stop() {
      await Promise.all(running.map((subgraph) => subgraph.stop()));
      await client.close();
      await mongo.close();
    },
  };
}

/** Walks a connection to its end, `first` at a time, returning every node in order. */
export async function readAllPages<TNode>(
  readPage: (after: string | null) => Promise<{ edges: { node: TNode; cursor: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>,
): Promise<{ nodes: TNode[]; pages: number }> {
  const nodes: TNode[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page = await readPage(after);
    pages++;
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return { nodes, pages };
    if (pages > 1_000) throw new Error('pagination does not end');
    after = page.pageInfo.endCursor;
  }
}
