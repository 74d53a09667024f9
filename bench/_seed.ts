import { readFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { generateSeed } from '../src/seed';
import { fromCrmContact, fromPosMember, type IdentityRecord } from '../src/identity/records';
import { clusterRecords } from '../src/identity/resolve';
import { defaultResolveConfig } from '../src/identity/resolve-config';
import { pairwiseScores } from '../src/identity/scoring';
import { contactRow, memberRow, parseJsonLine, parseCsvRecord } from '../src/contract/schemas';
async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seedq-'));
  await generateSeed({ customers: Number(process.env.N ?? 3000), seed: Number(process.env.S ?? 1), until: new Date('2026-11-01T00:00:00Z'), outDir: dir });
  const imported = { file: 'x', line: 1, importedAt: new Date() };
  const truth = new Map<string, string>();
  for (const l of readFileSync(path.join(dir, 'ground-truth.jsonl'), 'utf8').trim().split('\n')) { const t = JSON.parse(l); truth.set(`${t.source}:${t.kind}:${t.id}`, t.personId); }
  const recs: IdentityRecord[] = [];
  for (const l of readFileSync(path.join(dir, 'crm/contacts.jsonl'), 'utf8').trim().split('\n')) { const r = parseJsonLine(contactRow, l); if (r.ok) recs.push(fromCrmContact({ _id: r.value.contactId, ...r.value, imported } as any, { defaultCountry: 'GB' })); }
  const [h, ...rows] = parse(readFileSync(path.join(dir, 'pos/members.csv'))) as string[][];
  for (const c of rows) { const r = parseCsvRecord(memberRow, h!, c); if (r.ok) recs.push(fromPosMember({ _id: r.value.loyaltyId, ...r.value, imported } as any, { defaultCountry: 'GB' })); }
  for (const d of (process.env.DS ?? '-6').split(',')) {
    const config = defaultResolveConfig();
    config.matching.differentPeopleBelow = Number(d);
    const res = clusterRecords(recs, config);
    const predicted = new Map<string, number>();
    res.clusters.forEach((c, i) => c.records.forEach((k) => predicted.set(k, i)));
    const sub = new Map([...truth].filter(([k]) => predicted.has(k)));
    let over = 0;
    for (const c of res.clusters) if (new Set(c.records.map((k) => truth.get(k))).size > 1) over++;
    const s = pairwiseScores(predicted, sub);
    console.log(`D ${d}: P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)} F1 ${s.f1.toFixed(4)} over-merged ${over} decisions ${res.decisions.length}`);
  }
}
main();
