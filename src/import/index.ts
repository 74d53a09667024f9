export { importDirectory, ensureImportIndexes, newImportId, type ImportOptions } from './importDirectory';
export { formatImportReport, type FileImportReport, type ImportReport } from './report';
export { listQuarantine, exportQuarantine, type QuarantineFilter } from './quarantine';
export { createImportProgress, type ImportProgress } from './progress';
