import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'graphql';
import { composeServices } from '@theguild/federation-composition';
import { SUBGRAPH_NAMES, loadConfig, type SubgraphName } from '../../src/config';

const REPO_ROOT = path.resolve(__dirname, '../..');

/** The committed supergraph every federation router (Hive Gateway, Apollo Router, ...) can serve. */
export const SUPERGRAPH_PATH = path.join(REPO_ROOT, 'gateway', 'supergraph.graphql');

export function subgraphSchemaPath(name: SubgraphName): string {
  return path.join(REPO_ROOT, 'subgraphs', name, 'schema.graphql');
}

/** Thrown when the subgraphs' SDL does not compose; lists every composition error. */
export class CompositionError extends Error {
  constructor(readonly errors: readonly Error[]) {
    super(`supergraph composition failed:\n${errors.map((e) => `  - ${e.message}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/**
 * Composes the subgraphs' SDL into a supergraph. The URLs written into it are the default local
 * ports; Omnidex's gateway overrides them at run time, other routers through their own config.
 */
export async function composeSupergraph(): Promise<string> {
  const defaults = loadConfig({});
  const services = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => ({
      name,
      url: `http://localhost:${defaults.subgraphPorts[name]}/graphql`,
      typeDefs: parse(await readFile(subgraphSchemaPath(name), 'utf8')),
    })),
  );
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors);
  return `${result.supergraphSdl.trimEnd()}\n`;
}

export async function readSupergraph(): Promise<string> {
  return readFile(SUPERGRAPH_PATH, 'utf8');
}

/** Writes the supergraph, or with `check` only verifies the committed one is current. */
export async function writeSupergraph({ check }: { check: boolean }): Promise<'written' | 'current' | 'stale'> {
  const composed = await composeSupergraph();
  const committed = await readFile(SUPERGRAPH_PATH, 'utf8').catch(() => undefined);
  if (committed === composed) return 'current';
  if (check) return 'stale';
  await writeFile(SUPERGRAPH_PATH, composed);
  return 'written';
}
