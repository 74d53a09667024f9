/**
 * Persistent customer ids across runs (DESIGN.md, identity resolution step 4):
 *   - a cluster keeps the id most of its records had: each previous id goes to the cluster
 *     holding most of its records ("heir"); ties go to the part with the oldest such record, then
 *     to the part whose first record key sorts first;
 *   - a cluster heir to several ids is a merge: the oldest id (customer createdAt, then id order)
 *     survives and the others are recorded as merged into it (`mergedFrom`);
 *   - a previous id whose records now lie in several clusters is a split: its heir keeps the id,
 *     the other parts keep an id they are heir to or get a new one;
 *   - a cluster heir to nothing gets a new id.
 * Clusters are visited in the order of their first record key, so `newId` is called in the same
 * order on the same input, and an unchanged input changes nothing and calls `newId` never.
 */

export interface PreviousAssignments {
  /** Record key → customer id after the previous run. */
  assignments: ReadonlyMap<string, string>;
  /** Customer id → when it was created: "the older id survives a merge". */
  customerCreatedAt: ReadonlyMap<string, Date>;
}

export interface AssignOptions {
  /** When the records were created at their source: breaks ties between the parts of a split. */
  recordCreatedAt?: (recordKey: string) => Date | undefined;
  /** createdAt of the ids this run creates. */
  now?: Date;
}

export interface Merge {
  survivor: string;
  mergedFrom: string[];
}

export interface Split {
  /** The previous id whose records are now in several customers. */
  id: string;
  /** The customer ids the records went to; `id` itself is among them unless it merged away. */
  parts: { customerId: string; records: string[] }[];
}

export interface AssignResult {
  /** Every clustered record → its customer id. */
  assignments: Map<string, string>;
  /** The customer id of each cluster, in the order the clusters were given. */
  clusterIds: string[];
  created: { id: string; createdAt: Date }[];
  merges: Merge[];
  splits: Split[];
  /** Records whose customer id differs from the previous run's (new records included). */
  changedRecords: string[];
}

interface Claim {
  cluster: number;
  count: number;
  oldest: number; // ms since epoch of the oldest record of the id in that cluster
  firstKey: string;
}

function better(a: Claim, b: Claim): boolean {
  if (a.count !== b.count) return a.count > b.count;
  if (a.oldest !== b.oldest) return a.oldest < b.oldest;
  return a.firstKey < b.firstKey;
}

export function assignCustomerIds(
  previous: PreviousAssignments,
  clusters: readonly { records: readonly string[] }[],
  /** A new customer's id; given the cluster's record keys, sorted (ids derived from them repeat on a re-run). */
  newId: (records: readonly string[]) => string,
  options: AssignOptions = {},
): AssignResult {
  const now = options.now ?? new Date();
  const order = clusters
    .map((c, index) => {
      if (c.records.length === 0) throw new Error(`Cluster ${index} has no records`);
      return { index, records: [...c.records].sort() };
    })
    .sort((x, y) => (x.records[0]! < y.records[0]! ? -1 : x.records[0]! > y.records[0]! ? 1 : 0));

  const heirs = new Map<string, Claim>();
  const partsOf = new Map<string, number[]>();
  for (const { index, records } of order) {
    const claims = new Map<string, Claim>();
    for (const key of records) {
      const id = previous.assignments.get(key);
      if (id === undefined) continue;
      const created = options.recordCreatedAt?.(key)?.getTime() ?? Number.POSITIVE_INFINITY;
      const claim = claims.get(id);
      if (!claim) claims.set(id, { cluster: index, count: 1, oldest: created, firstKey: records[0]! });
      else {
        claim.count++;
        claim.oldest = Math.min(claim.oldest, created);
      }
    }
    for (const [id, claim] of claims) {
      const parts = partsOf.get(id);
      if (parts) parts.push(index);
      else partsOf.set(id, [index]);
      const heir = heirs.get(id);
      if (!heir || better(claim, heir)) heirs.set(id, claim);
    }
  }

  const inheritedBy = new Map<number, string[]>();
  for (const [id, claim] of heirs) {
    const list = inheritedBy.get(claim.cluster);
    if (list) list.push(id);
    else inheritedBy.set(claim.cluster, [id]);
  }

  const age = (id: string): number => previous.customerCreatedAt.get(id)?.getTime() ?? Number.POSITIVE_INFINITY;
  const clusterIds: string[] = new Array<string>(clusters.length);
  const assignments = new Map<string, string>();
  const created: AssignResult['created'] = [];
  const merges: Merge[] = [];
  const changedRecords: string[] = [];
  const createdIds = new Set<string>();
  for (const { index, records } of order) {
    const candidates = (inheritedBy.get(index) ?? []).sort((a, b) => age(a) - age(b) || (a < b ? -1 : a > b ? 1 : 0));
    let id = candidates[0];
    if (id === undefined) {
      id = newId(records);
      if (previous.customerCreatedAt.has(id) || heirs.has(id) || createdIds.has(id)) {
        throw new Error(`newId() returned ${id}, which is already a customer id`);
      }
      createdIds.add(id);
      created.push({ id, createdAt: now });
    } else if (candidates.length > 1) {
      merges.push({ survivor: id, mergedFrom: candidates.slice(1) });
    }
    clusterIds[index] = id;
    for (const key of records) {
      assignments.set(key, id);
      if (previous.assignments.get(key) !== id) changedRecords.push(key);
    }
  }

  const splits: Split[] = [];
  for (const [id, parts] of [...partsOf].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (parts.length < 2) continue;
    splits.push({
      id,
      parts: parts.map((index) => ({
        customerId: clusterIds[index]!,
        records: clusters[index]!.records.filter((k) => previous.assignments.get(k) === id),
      })),
    });
  }
  return { assignments, clusterIds, created, merges, splits, changedRecords };
}
