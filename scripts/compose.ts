// Writes gateway/supergraph.graphql from the subgraphs' SDL; `--check` fails when it is stale.
import { writeSupergraph, SUPERGRAPH_PATH } from '../gateway/src/compose';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const outcome = await writeSupergraph({ check });
  if (outcome === 'stale') {
    console.error(`${SUPERGRAPH_PATH} is stale: run \`npm run compose\` and commit the result`);
    process.exitCode = 1;
    return;
  }
  console.log(`supergraph ${outcome}: ${SUPERGRAPH_PATH}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
