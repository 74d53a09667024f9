import { Decimal128, type Document } from 'bson';

/** The benchmark's documents have string ids (the driver's typings assume ObjectId otherwise). */
export type Customer = Document & { _id: string };

const CITIES = Array.from({ length: 50 }, (_, i) => `city-${i}`);

/**
 * The customer-like document number `i` that the embedded server's benchmarks load: a string
 * `_id`, a subdocument, an array, a Decimal128 and a Date, so every BSON path is exercised.
 */
export function customer(i: number): Customer {
  return {
    _id: `cust-${i}`,
    seq: i,
    email: `person${i}@example.com`,
    name: { first: `First${i % 997}`, last: `Last${i % 1009}` },
    city: CITIES[i % CITIES.length],
    amount: (i % 1000) / 10,
    balance: Decimal128.fromString(`${i}.25`),
    joined: new Date(Date.UTC(2020, 0, 1) + i * 60_000),
    tags: [`t${i % 7}`, `t${i % 11}`],
  };
}
