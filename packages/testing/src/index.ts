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
export { startServices } from './harness/services';
export type { Services, PropagationResult, RequestOptions } from './harness/services';
export type { ServiceConfig, Hop } from './harness/service';
export type { Expectation } from './harness/checks';
export { propagationMatrix } from './harness/matrix';
export type { MatrixReport, PairResult } from './harness/matrix';
export { renderWaterfall, groupByTrace } from './harness/waterfall';
export type { WaterfallOptions } from './harness/waterfall';
export type { HarnessSpan } from './harness/spans';
