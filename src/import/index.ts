export { importDirectory, ensureImportIndexes, newImportId, type ImportOptions } from './import-directory';
export { formatImportReport, type FileImportReport, type ImportReport } from './report';
export { listQuarantine, exportQuarantine, type QuarantineFilter } from './quarantine';
export { createImportProgress, type ImportProgress } from './progress';
