import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { fromCrmContact } from '../src/identity/records';
import { clusterRecords } from '../src/identity/resolve';
import { defaultResolveConfig } from '../src/identity/resolve-config';
import { pairwiseScores } from '../src/identity/scoring';
const epoch = new Date('2024-01-01T00:00:00Z');
const imported = { file: 'x', line: 1, importedAt: epoch };
function run(name: string, rows: any[], map: (r: any) => any, truthOf: (r: any) => string, idOf: (r:any)=>string) {
  const truth = new Map<string, string>();
  const records = rows.map((row) => {
    const id = idOf(row);
    truth.set(`crm:contact:${id}`, truthOf(row));
    const doc: any = { _id: id, contactId: id, createdAt: epoch, updatedAt: epoch, imported, ...map(row) };
    for (const k of Object.keys(doc)) if (doc[k] === '' ) delete doc[k];
    return fromCrmContact(doc, { defaultCountry: 'GB' });
  });
  const config = defaultResolveConfig();
  if (process.env.P) config.matching.matchProbability = Number(process.env.P);
  if (process.env.D) config.matching.differentPeopleBelow = Number(process.env.D);
  const t = performance.now();
  const res = clusterRecords(records, config);
  const ms = performance.now() - t;
  const predicted = new Map<string, number>();
  res.clusters.forEach((c, i) => c.records.forEach((k) => predicted.set(k, i)));
  const s = pairwiseScores(predicted, truth);
  const dec: Record<string, number> = {};
  for (const d of res.decisions) dec[d.rule] = (dec[d.rule] ?? 0) + 1;
  console.log(name, `P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)} F1 ${s.f1.toFixed(4)} pairs ${s.correctPairs}/${s.predictedPairs}/${s.truePairs}`, `cand ${res.matching.candidatePairs} above ${res.matching.aboveThreshold}`, JSON.stringify(dec), `${ms.toFixed(0)}ms lambda ${res.model.lambda.toExponential(2)}`);
  if (process.env.V) for (const [f, p] of Object.entries(res.model.fields)) console.log(f, p.m.map((x) => x.toFixed(4)).join(' '), '|', p.u.map((x) => x.toExponential(1)).join(' '), '|', p.m.map((m,i)=>Math.log2(m/p.u[i]!).toFixed(1)).join(' '));
  return { res, truth, records };
}
const splink = parse(readFileSync('/work/shared/datasets/splink_fake_1000.csv'), { columns: true }) as any[];

const febrl = parse(readFileSync('/work/shared/datasets/febrl3.csv'), { columns: true, trim: true }) as any[];
const validDate = (d: string) => { if (!/^\d{8}$/.test(d)) return ''; const iso = `${d.slice(0,4)}-${d.slice(4,6)}-${d.slice(6,8)}`; const t = new Date(iso + 'T00:00:00Z'); return !isNaN(t.getTime()) && t.toISOString().slice(0,10) === iso ? iso : ''; };
const fb = run("febrl3", febrl, (r) => ({ firstName: r.given_name, lastName: r.surname, birthDate: validDate(r.date_of_birth), addressLine1: `${r.street_number} ${r.address_1}`.trim(), addressLine2: r.address_2, city: r.suburb, postalCode: r.postcode, region: r.state }), (r) => r.rec_id.split("-")[1], (r) => r.rec_id);
import { prepareRecord } from '../src/identity/comparisons';
import { scorePair } from '../src/identity/probabilistic';
import { refKey } from '../src/identity/records';
export function misses(out: ReturnType<typeof run>, limit = 25) {
  const { res, truth, records } = out;
  const clusterOf = new Map<string, number>();
  res.clusters.forEach((c, i) => c.records.forEach((k) => clusterOf.set(k, i)));
  const byPerson = new Map<string, typeof records>();
  for (const r of records) { const p = truth.get(refKey(r.ref))!; byPerson.set(p, [...(byPerson.get(p) ?? []), r]); }
  let n = 0;
  for (const rs of byPerson.values()) {
    for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) {
      const a = rs[i]!, b = rs[j]!;
      if (clusterOf.get(refKey(a.ref)) === clusterOf.get(refKey(b.ref))) continue;
      if (n++ >= limit) continue;
      const s = scorePair(prepareRecord(a), prepareRecord(b), res.model);
      console.log(`${s.weight.toFixed(1)} ${s.matchProbability.toFixed(3)} | ` + s.comparisons.map((c) => `${c.field}:${c.label.split(' ')[0]}(${c.weight.toFixed(1)}) ${c.a}~${c.b}`).join(' | '));
    }
  }
  console.log('missed pairs', n);
  for (const d of res.decisions.slice(0, 8)) console.log(JSON.stringify(d).slice(0, 400));
}
