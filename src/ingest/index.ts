export { type DecodedPlan, decodePlanBytes, type PlanEncoding } from './decode';
export { PlanInputError } from './errors';
export { type IngestOptions, ingestPlan, numberLines, type PlanFormat, readPlan } from './ingest';
export { REVIEW } from './review';
