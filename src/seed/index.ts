export { generateSeed, type GroundTruthKind, type GroundTruthRecord, type SeedOptions, type SeedSummary } from './generate-seed';
export { formatPhone, randomMobile, type PhoneStyle } from './phones';
