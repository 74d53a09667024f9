export { generateSeed, type SeedOptions, type SeedSummary } from './generate-seed';
export type { GroundTruthKind, GroundTruthRecord } from './ground-truth';
export { formatPhone, randomMobile, type PhoneStyle } from './phones';
