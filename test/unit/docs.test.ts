import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../app/cli/program';
import packageJson from '../../package.json';

/*
 * The documentation names files, commands and scripts a reader will try: every one must exist.
 * Paths are read from `code spans` and links; a `<name>` or `*` stands for any one path segment
 * and `{a,b}` for either. `omnidex` commands and their `--options` must be the CLI's own.
 */

const ROOT = path.resolve(__dirname, '../..');
const ROOTS = ['app', 'src', 'subgraphs', 'gateway', 'embedded-mongo', 'test', 'bench', 'docs', 'scripts', 'bin', '.ci'];
const TOP_FILES = /^(package\.json|package-lock\.json|tsconfig\.json|codegen\.yml|docker-compose\.yml|Dockerfile|jest\.config\.js|\.dependency-cruiser\.cjs)$/;

function markdownFiles(): string[] {
  const found = ['README.md'];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(relative);
      else if (entry.isFile() && entry.name.endsWith('.md')) found.push(relative);
    }
  };
  for (const dir of ['docs', 'src', 'subgraphs', 'gateway', 'embedded-mongo', 'app', 'bench']) if (existsSync(path.join(ROOT, dir))) walk(dir);
  return found;
}

function codeSpans(text: string): string[] {
  const spans = [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  const links = [...text.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => m[1]!).filter((link) => !/^[a-z]+:/.test(link));
  return [...spans, ...links];
}

/** `a/{b,c}/d` → `a/b/d`, `a/c/d`. */
function expandBraces(pattern: string): string[] {
  const match = /\{([^{}]*,[^{}]*)\}/.exec(pattern);
  if (!match) return [pattern];
  return match[1]!.split(',').flatMap((option) => expandBraces(pattern.replace(match[0], option)));
}

/** Whether a path pattern (segments may be `*` or `<name>`) names something under `base`. */
function exists(base: string, pattern: string): boolean {
  const segments = pattern.replace(/\/$/, '').split('/').filter((s) => s !== '' && s !== '.');
  const walk = (dir: string, rest: string[]): boolean => {
    if (rest.length === 0) return true;
    const [head, ...tail] = rest;
    if (/^(<[^>]+>|\*)$/.test(head!) || head!.includes('*') || head!.includes('<')) {
      const wild = new RegExp(`^${head!.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/<[^>]+>|\*/g, '.*')}$`);
      if (!existsSync(dir)) return false;
      return readdirSync(dir).some((entry) => wild.test(entry) && walk(path.join(dir, entry), tail));
    }
    const next = path.join(dir, head!);
    return existsSync(next) && walk(next, tail);
  };
  return walk(base, segments);
}

function looksLikePath(span: string): boolean {
  if (/\s/.test(span) || span.includes('://') || span.startsWith('-')) return false;
  const first = span.replace(/^\.\//, '').split('/')[0]!;
  return (span.includes('/') && ROOTS.includes(first)) || TOP_FILES.test(span);
}

/** Spans such as `npx omnidex index --months 12` or `omnidex serve --only crm`. */
function omnidexInvocations(span: string): string[][] {
  const match = /(?:^|\s|\()(?:npx |node bin\/omnidex\.js |node \.\/bin\/omnidex\.js )?omnidex ([a-z][\w-]*(?: [^`|;&)]*)?)/.exec(span);
  if (!match) return [];
  return [match[1]!.trim().split(/\s+/)];
}

describe('the documentation', () => {
  const files = markdownFiles();
  const program = buildProgram();
  const commands = new Map<string, Command>(program.commands.map((c) => [c.name(), c]));

  it('reads the README and the docs', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/ARCHITECTURE.md', 'docs/SECURITY.md', 'docs/INDEX.md']));
  });

  it.each(markdownFiles())('%s names only paths that exist', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const missing = codeSpans(text)
      .map((span) => span.replace(/[.,:;]$/, '').replace(/:\d+(-\d+)?$/, ''))
      .filter((span) => looksLikePath(span) || (/^[\w.-]+\//.test(span) && !/\s/.test(span) && existsSync(path.join(ROOT, path.dirname(file), span.split('/')[0]!))))
      .flatMap(expandBraces)
      .filter((span) => !exists(ROOT, span) && !exists(path.join(ROOT, path.dirname(file)), span));
    expect(missing).toEqual([]);
  });

  it.each(markdownFiles())('%s names only omnidex commands and options that exist', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const wrong: string[] = [];
    for (const span of codeSpans(text)) {
      for (const [name, ...args] of omnidexInvocations(span)) {
        const command = commands.get(name!);
        if (!command) {
          wrong.push(`omnidex ${name}`);
          continue;
        }
        // A benchmark's own options pass through `omnidex bench NAME` to its script.
        if (name === 'bench') continue;
        const known = new Set(command.options.flatMap((option) => [option.long, option.short, option.negate ? option.long : undefined]));
        for (const arg of args) {
          const flag = /^(--?[a-z][\w-]*)/.exec(arg)?.[1];
          if (flag && !known.has(flag)) wrong.push(`omnidex ${name} ${flag}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(markdownFiles())('%s names only npm scripts that exist', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const scripts = Object.keys(packageJson.scripts);
    const named = [...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(named.filter((script) => !scripts.includes(script))).toEqual([]);
  });

  it('names every benchmark that `omnidex bench` runs', () => {
    const texts = files.map((file) => readFileSync(path.join(ROOT, file), 'utf8')).join('\n');
    const named = [...texts.matchAll(/omnidex bench ([a-z][\w-]*)/g)].map((m) => m[1]!);
    const available = ['bench', 'embedded-mongo/bench'].flatMap((dir) =>
      readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)),
    );
    expect([...new Set(named)].filter((name) => !available.includes(name))).toEqual([]);
  });
});
