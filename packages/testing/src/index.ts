export { checkConformance } from './kit/check';
export { describeConformance } from './kit/runner';
export type { Runner } from './kit/runner';
export { RULES } from './kit/rules';
export type { RuleId } from './kit/rules';
export type {
  ConformanceOptions,
  ConformanceReport,
  ConformanceVector,
  RuleResult,
} from './kit/types';
