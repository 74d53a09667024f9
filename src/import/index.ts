export { importDirectory, ensureImportIndexes, newImportId, type ImportOptions } from './import-directory';
export { formatImportReport, type FileImportReport, type ImportReport } from './report';
export { listQuarantine, exportQuarantine, type QuarantineFilter } from './quarantine';
export { createImportProgress, type ImportProgress } from './progress';
export { ingestBody, INGEST_KINDS, INGEST_KIND_NAMES, isIngestKind, acceptsFormat, type IngestKind, type IngestFormat, type IngestInput, type IngestResult } from './ingest';
