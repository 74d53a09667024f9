import path from 'node:path';

/** Thrown when an environment variable holds a value Omnidex cannot use; names the variable. */
export class ConfigError extends Error {
  constructor(variable: string, value: string, expected: string) {
    super(`${variable}=${JSON.stringify(value)} is not valid: expected ${expected}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function readString(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function readPort(env: Env, name: string, fallback: number): number {
  const raw = readString(env, name);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(name, raw, 'an integer port between 0 and 65535');
  }
  return port;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = readString(env, name);
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, raw, 'true or false');
}

export const SUBGRAPH_NAMES = ['crm', 'web', 'pos', 'identity'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const DEFAULT_SUBGRAPH_PORTS: Record<SubgraphName, number> = { crm: 4001, web: 4002, pos: 4003, identity: 4004 };

export interface Config {
  /** A real MongoDB; when absent Omnidex runs its embedded server on `dataDir`. */
  mongodbUri: string | undefined;
  /** Where the embedded database keeps its files. */
  dataDir: string;
  /** Host every Omnidex server binds to. */
  host: string;
  gatewayPort: number;
  subgraphPorts: Record<SubgraphName, number>;
  /**
   * Where the gateway finds each subgraph when it runs apart from them (`serve --only gateway`);
   * defaults to the subgraph's port on this host.
   */
  subgraphUrls: Record<SubgraphName, string>;
  /** Development mode turns on GraphiQL and introspection. */
  development: boolean;
  /** Largest accepted request body, in bytes. */
  maxRequestBytes: number;
}

/** Reads the whole configuration from the environment, failing fast on any bad value. */
export function loadConfig(env: Env = process.env): Config {
  const subgraphPorts = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [
      name,
      readPort(env, `OMNIDEX_${name.toUpperCase()}_PORT`, DEFAULT_SUBGRAPH_PORTS[name]),
    ]),
  ) as Record<SubgraphName, number>;
  const host = readString(env, 'OMNIDEX_HOST') ?? '127.0.0.1';
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const variable = `OMNIDEX_${name.toUpperCase()}_URL`;
      const raw = readString(env, variable);
      if (raw !== undefined && !URL.canParse(raw)) throw new ConfigError(variable, raw, 'an http(s) URL');
      const localHost = host === '0.0.0.0' ? '127.0.0.1' : host;
      return [name, raw ?? `http://${localHost}:${subgraphPorts[name]}/graphql`];
    }),
  ) as Record<SubgraphName, string>;
  const maxRequestKb = readString(env, 'OMNIDEX_MAX_REQUEST_KB');
  let maxRequestBytes = 256 * 1024;
  if (maxRequestKb !== undefined) {
    const kb = Number(maxRequestKb);
    if (!Number.isInteger(kb) || kb <= 0) {
      throw new ConfigError('OMNIDEX_MAX_REQUEST_KB', maxRequestKb, 'a positive integer');
    }
    maxRequestBytes = kb * 1024;
  }
  return {
    mongodbUri: readString(env, 'MONGODB_URI'),
    dataDir: path.resolve(readString(env, 'OMNIDEX_DATA_DIR') ?? '.omnidex'),
    host,
    gatewayPort: readPort(env, 'PORT', 4000),
    subgraphPorts,
    subgraphUrls,
    development: readBoolean(env, 'OMNIDEX_DEV', env.NODE_ENV !== 'production'),
    maxRequestBytes,
  };
}
