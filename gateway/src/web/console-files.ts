import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt', '.map']);

/**
 * The page may load and call nothing but this origin: no CDN, no inline script, no framing. A
 * sign-in leaves for the identity provider as a top-level navigation, which CSP does not govern.
 */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

interface CachedFile {
  mtimeMs: number;
  type: string;
  body: Buffer;
  gzip?: Buffer;
}

/** Serves the console's build (`console/dist`): its files, and `index.html` for the app's own routes. */
export interface ConsoleFiles {
  /** Whether this GET is the console's: `/`, a file of the build, or a page of the app (`/customers/…`). */
  owns(req: IncomingMessage, pathname: string): boolean;
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
}

const INDEX = 'index.html';

/**
 * Files under `/assets/` carry a content hash in their name (Vite), so they are cached for good;
 * everything else is revalidated. A page of the app is any GET for HTML on a path without a file
 * extension outside `reservedPaths` (the gateway's own: `/graphql`, `/metrics`, ...).
 */
export function createConsoleFiles(dir: string, reservedPaths: readonly string[]): ConsoleFiles {
  const root = path.resolve(dir);
  const reserved = (pathname: string) => reservedPaths.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const cache = new Map<string, CachedFile>();

  async function load(file: string): Promise<CachedFile | undefined> {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const cached = cache.get(file);
    if (cached?.mtimeMs === info.mtimeMs) return cached;
    const extension = path.extname(file);
    const body = await readFile(file);
    const entry: CachedFile = { mtimeMs: info.mtimeMs, type: CONTENT_TYPES[extension] ?? 'application/octet-stream', body };
    if (COMPRESSIBLE.has(extension) && body.length > 1024) entry.gzip = gzipSync(body);
    cache.set(file, entry);
    return entry;
  }

  function fileOf(pathname: string): string | undefined {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
    return file.startsWith(root + path.sep) ? file : undefined;
  }

  const isPage = (req: IncomingMessage, pathname: string) =>
    path.posix.extname(pathname) === '' && (req.headers.accept ?? '').includes('text/html');

  return {
    owns(req, pathname) {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || reserved(pathname)) return false;
      const topLevelFile = path.posix.dirname(pathname) === '/' && path.posix.extname(pathname) !== '';
      return pathname === '/' || pathname.startsWith('/assets/') || topLevelFile || isPage(req, pathname);
    },

    async serve(req, res, pathname) {
      const asFile = pathname === '/' ? undefined : fileOf(pathname);
      let file = asFile ? await load(asFile) : undefined;
      const page = !file && (pathname === '/' || isPage(req, pathname));
      if (page) file = await load(path.join(root, INDEX));
      if (!file) {
        if (page) {
          res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
          res.end('The console is not built yet: run `npm run build:console` (`npm start` builds it when it is missing).\n');
        } else {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('Not found\n');
        }
        return;
      }
      const gzip = file.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = gzip ? file.gzip! : file.body;
      res.writeHead(200, {
        'content-type': file.type,
        'content-length': String(body.length),
        'cache-control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        vary: 'accept-encoding',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        ...CONSOLE_SECURITY_HEADERS,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  };
}
