import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/*
 * The console's build (console/dist), made when it is missing or older than its sources: by
 * `omnidex serve` (so `npm install && npm start` is still the whole set-up) and by the test run's
 * global set-up. A hash of every input is kept beside the build to tell.
 */

const REPO_ROOT = path.resolve(__dirname, '..');
export const CONSOLE_ROOT = path.join(REPO_ROOT, 'console');
export const CONSOLE_DIST = path.join(CONSOLE_ROOT, 'dist');
const STAMP = path.join(CONSOLE_DIST, '.build-hash');
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

async function filesUnder(entry: string): Promise<string[]> {
  const entries = await readdir(entry, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return [entry];
  const nested = await Promise.all(entries.map((child) => filesUnder(path.join(entry, child.name))));
  return nested.flat();
}

/** A hash of the console's sources and configuration, and of the lockfile that pins its dependencies. */
export async function consoleSourceHash(): Promise<string> {
  const files = [...(await Promise.all(INPUTS.map((input) => filesUnder(path.join(CONSOLE_ROOT, input))))).flat(), path.join(REPO_ROOT, 'package-lock.json')].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(REPO_ROOT, file));
    hash.update(await readFile(file).catch(() => Buffer.alloc(0)));
  }
  return hash.digest('hex');
}

/** Builds the console with Vite, in a child process. */
export async function buildConsole(log: (line: string) => void = console.log): Promise<void> {
  const vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [CONSOLE_ROOT] })), 'bin', 'vite.js');
  const started = Date.now();
  const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: CONSOLE_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`building the console failed (vite exited with ${code}); run \`npm run build:console\` to see why`);
  await writeFile(STAMP, await consoleSourceHash());
  log(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(process.cwd(), CONSOLE_DIST) || CONSOLE_DIST}`);
}

/** Builds the console unless its build is current. */
export async function ensureConsoleBuilt(log: (line: string) => void = console.log): Promise<'current' | 'built'> {
  const [built, wanted] = await Promise.all([readFile(STAMP, 'utf8').catch(() => undefined), consoleSourceHash()]);
  if (built === wanted) return 'current';
  log(built === undefined ? 'building the console (first start)…' : 'the console changed since its last build: rebuilding…');
  await buildConsole(log);
  return 'built';
}
