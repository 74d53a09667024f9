import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

/** The resource (audience) the test provider issues access tokens for. */
export const OIDC_RESOURCE = 'urn:omnidex:api';

export interface TestProvider {
  issuer: string;
  /** Registers the console's client (its redirect URI is known only once the gateway listens) and serves. */
  serve(client: { redirectUri: string; clientId: string; clientSecret: string }): Promise<void>;
  stop(): Promise<void>;
}

/** Starts test/support/oidc-provider.mjs: a real OpenID provider on a free port. */
export async function startTestProvider(): Promise<TestProvider> {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error('the OpenID provider exited before it was ready');
    return JSON.parse(line.value) as Record<string, unknown>;
  };
  const { issuer } = (await next()) as { issuer: string };
  return {
    issuer,
    async serve(client) {
      child.stdin!.write(`${JSON.stringify(client)}\n`);
      await next();
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end();
      await exited;
    },
  };
}
