export { generateSeed, type GroundTruthKind, type GroundTruthRecord, type SeedOptions, type SeedSummary } from './generateSeed';
export { formatPhone, randomMobile, type PhoneStyle } from './phones';
