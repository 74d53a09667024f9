// Builds the console (console/dist) with Vite; `npm start` does it by itself when the build is missing or stale.
import { buildConsole } from '../app/console-build';

buildConsole().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
