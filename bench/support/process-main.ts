/**
 * A child process of `omnidex bench gateway` (see ./processes.ts), by its role: `subgraphs` (the
 * embedded database in memory, seeded, and the five subgraphs), `omnidex` (Omnidex's gateway) or
 * `apollo` (Apollo Gateway over the same supergraph, authenticating the same way). Configuration
 * comes from the environment the parent sets (the same secrets everywhere).
 */
import { readSupergraph } from '../../gateway/src/compose';
import { startGateway } from '../../gateway/src';
import { serve } from '../../app/serve';
import { resolveAuthSettings } from '../../src/auth/secrets';
import { loadConfig } from '../../src/config';
import { metricsRegistry } from '../../src/metrics';
import { createLogger } from '../../src/telemetry/log';
import { startApolloGateway } from '../../test/support/apollo-gateway';
import type { ReadyMessage, Role } from './processes';

async function mongoCommands(): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('omnidex_mongodb_commands_total')?.get();
  return (metric?.values ?? []).reduce((sum, { value }) => sum + value, 0);
}

async function main(role: Role): Promise<void> {
  const config = loadConfig();
  const auth = await resolveAuthSettings(config.auth, { dataDir: config.dataDir, ephemeral: true });
  let stop: () => Promise<void>;
  let ready: ReadyMessage;
  if (role === 'subgraphs') {
    const running = await serve({
      config,
      inMemory: !process.env.BENCH_KEEP_DATA,
      ephemeralPorts: true,
      withoutGateway: true,
      seedCustomers: Number(process.env.BENCH_CUSTOMERS ?? 1_000),
      log: (line) => console.error(`[subgraphs] ${line}`),
    });
    stop = () => running.stop();
    ready = { ready: true, subgraphUrls: Object.fromEntries(running.subgraphs.map((s) => [s.name, s.url])) };
  } else {
    const subgraphUrls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}') as Record<string, string>;
    const supergraphSdl = await readSupergraph();
    const gateway =
      role === 'omnidex'
        ? await startGateway({
            supergraphSdl,
            subgraphUrls,
            development: false,
            maxRequestBytes: config.maxRequestBytes,
            auth,
            limits: config.limits,
            logger: createLogger({ service: 'gateway', config: config.log }),
          })
        : await startApolloGateway(supergraphSdl, subgraphUrls, auth);
    stop = () => gateway.stop();
    ready = { ready: true, url: gateway.url };
  }
  process.on('message', (question) => {
    if (question === 'commands') void mongoCommands().then((count) => process.send!(count));
    if (question === 'cpu') process.send!(process.cpuUsage());
  });
  // The parent is done: stop cleanly, so that --cpu-prof writes its profile.
  process.once('disconnect', () => {
    void stop().finally(() => process.exit(0));
  });
  process.send!(ready);
}

void main(process.argv[2] as Role).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
