import type { AddressInfo } from 'node:net';
import { createGatewayServer, type GatewayOptions } from './server';

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts the gateway on `host:port` (port 0 picks a free one). */
export async function startGateway(
  options: GatewayOptions & { host?: string; port?: number },
): Promise<RunningGateway> {
  const { server, gateway } = createGatewayServer(options);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/graphql`,
    port,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
    },
  };
}
