import { ensureConsoleBuilt } from '../../app/console-build';

/** Once per test run: the browser tests drive the console's build, made here when it is stale. */
export default async function globalSetup(): Promise<void> {
  await ensureConsoleBuilt((line) => process.stderr.write(`${line}\n`));
}
