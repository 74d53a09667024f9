/**
 * Union–find whose unions can be refused. Every cluster (root) remembers the distinct people it
 * holds (one record per distinct name, birth date and phones) and the manual separations its records are under, so a union
 * that would put two clearly different people — or two sides of an admin's split — into one
 * customer is refused however the two clusters came to meet (directly, or transitively through a
 * third record).
 */
import type { DifferentPeopleEvidence } from './probabilistic';

/** Whether records `a` and `b` are clearly different people (see `differentPeople`), and why. */
export type DifferentPeopleTest = (a: number, b: number) => DifferentPeopleEvidence | undefined;

export type UnionRefusal =
  | { reason: 'different-people'; a: number; b: number; evidence: DifferentPeopleEvidence }
  | { reason: 'manual'; decision: number };

export class GuardedUnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  /** Per root: one record per distinct person signature. Only roots with a named person have an entry. */
  private readonly persons = new Map<number, { record: number; signature: string }[]>();
  /** Per root: manual decision index → which side of that decision the cluster is on. */
  private readonly sides = new Map<number, Map<number, number>>();

  constructor(
    count: number,
    private readonly differ: DifferentPeopleTest,
  ) {
    this.parent = new Int32Array(count);
    this.size = new Int32Array(count).fill(1);
    for (let i = 0; i < count; i++) this.parent[i] = i;
  }

  /** Registers record `i` as a named person with `signature` (equal signatures are one person); call before any union. */
  addPerson(i: number, signature: string): void {
    this.persons.set(i, [{ record: i, signature }]);
  }

  /** Puts record `i` on `side` of manual decision `decision`; call before any union. */
  addSide(i: number, decision: number, side: number): void {
    let map = this.sides.get(i);
    if (!map) this.sides.set(i, (map = new Map()));
    map.set(decision, side);
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) {
      const next = this.parent[i]!;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }

  /** Why the clusters of `a` and `b` may not be joined, or undefined when they may. */
  refusal(a: number, b: number): UnionRefusal | undefined {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return undefined;
    const sa = this.sides.get(ra);
    const sb = this.sides.get(rb);
    if (sa && sb) {
      const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
      for (const [decision, side] of small) {
        const other = large.get(decision);
        if (other !== undefined && other !== side) return { reason: 'manual', decision };
      }
    }
    const pa = this.persons.get(ra);
    const pb = this.persons.get(rb);
    if (pa && pb) {
      for (const p of pa) {
        for (const q of pb) {
          const evidence = this.differ(p.record, q.record);
          if (evidence) return { reason: 'different-people', a: p.record, b: q.record, evidence };
        }
      }
    }
    return undefined;
  }

  /** Joins the clusters of `a` and `b` unless refused; `true` when they are (now) one cluster. */
  union(a: number, b: number): { joined: boolean; refusal?: UnionRefusal } {
    const refusal = this.refusal(a, b);
    if (refusal) return { joined: false, refusal };
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return { joined: false };
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    this.mergePersons(ra, rb);
    this.mergeSides(ra, rb);
    return { joined: true };
  }

  sameCluster(a: number, b: number): boolean {
    return this.find(a) === this.find(b);
  }

  private mergePersons(into: number, from: number): void {
    const moving = this.persons.get(from);
    if (!moving) return;
    this.persons.delete(from);
    const staying = this.persons.get(into);
    if (!staying) {
      this.persons.set(into, moving);
      return;
    }
    // Keep one signature per distinct person so the pairwise check stays small in big clusters.
    const seen = new Set(staying.map((p) => p.signature));
    for (const p of moving) {
      if (!seen.has(p.signature)) {
        seen.add(p.signature);
        staying.push(p);
      }
    }
  }

  private mergeSides(into: number, from: number): void {
    const moving = this.sides.get(from);
    if (!moving) return;
    this.sides.delete(from);
    const staying = this.sides.get(into);
    if (!staying) {
      this.sides.set(into, moving);
      return;
    }
    for (const [decision, side] of moving) staying.set(decision, side);
  }
}
