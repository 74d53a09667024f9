/** `omnidex resolve` over MongoDB and what reads its result: the `identity` database. */
export { reclusterRecords, resolveChanges, runResolve, formatResolveReport, newCustomerId, type ChangedIds, type ResolveOptions, type ResolveReport } from './resolve-run';
export { ensureIdentityIndexes, identityCollections, type IdentityCollections } from './collections';
export { activityId, type ActivityReport, type ChannelDatabases } from './activity';
export { buildCustomerDoc, recordHash, type StoredRecord } from './customer-doc';
export { splitCustomer, unlinkRecord, ManualDecisionError, type CorrectionResult } from './manual';
export { exportMapping } from './export-mapping';
export { ensureSearchIndex, rebuildSearchIndex, searchCustomers, MAX_SEARCH_RESULTS, type SearchHit, type SearchPage } from './search-index';
