import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/*
 * The layers of docs/ARCHITECTURE.md, checked on the code itself: dependency-cruiser applies the
 * rules in .dependency-cruiser.cjs (arrows one way, no module cycles, embedded-mongo through its
 * entry), and the folder graph built from its output must have no cycle either.
 */

const ROOT = path.resolve(__dirname, '../..');
const CRUISED = ['app', 'src', 'subgraphs', 'gateway', 'embedded-mongo', 'test', 'bench', 'scripts'];

interface CruiseResult {
  modules: { source: string; dependencies: { resolved: string; coreModule: boolean; couldNotResolve: boolean }[] }[];
  summary: { violations: { from: string; to: string; rule: { name: string } }[] };
}

/** The folder a module belongs to: `src/identity`, `subgraphs/crm`, `app/cli`, `app`, `gateway`. */
function folderOf(file: string): string {
  const parts = file.split('/');
  const [top, second] = parts;
  if ((top === 'src' || top === 'subgraphs' || top === 'app') && parts.length > 2) return `${top}/${second}`;
  return top!;
}

/** The cycles of a directed graph, each as the folders along it (first = last). */
function cyclesOf(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, stack: string[]) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next, stack);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node, []);
  return cycles;
}

let result: CruiseResult;

beforeAll(async () => {
  const bin = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [bin, ...CRUISED, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 },
  );
  result = JSON.parse(stdout) as CruiseResult;
});

describe('the project layout', () => {
  it('keeps every rule of .dependency-cruiser.cjs', () => {
    expect(result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it('has no two folders that import each other, directly or round a longer loop', () => {
    const edges = new Map<string, Set<string>>();
    for (const module of result.modules) {
      const from = folderOf(module.source);
      for (const dependency of module.dependencies) {
        if (dependency.coreModule || dependency.couldNotResolve || dependency.resolved.includes('node_modules/')) continue;
        const to = folderOf(dependency.resolved);
        if (to === from) continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      }
    }
    expect(edges.size).toBeGreaterThan(10);
    expect(cyclesOf(edges)).toEqual([]);
  });

  it('finds a folder cycle when there is one', () => {
    const edges = new Map([
      ['src/import', new Set(['src/privacy'])],
      ['src/privacy', new Set(['src/identity'])],
      ['src/identity', new Set(['src/import'])],
    ]);
    expect(cyclesOf(edges)).toEqual([['src/import', 'src/privacy', 'src/identity', 'src/import']]);
  });
});
