/** Identity resolution's pure core; `omnidex resolve` and `findCustomer(by:)` build on it. */
export * from './normalize';
export * from './records';
export * from './comparisons';
export * from './match-model';
export * from './probabilistic';
export * from './resolve-config';
export * from './resolve';
export * from './persistent-ids';
export * from './scoring';
export { GuardedUnionFind, type DifferentPeopleTest, type UnionRefusal } from './guarded-union-find';
