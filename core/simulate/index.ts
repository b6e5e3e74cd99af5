/**
 * core/simulate: replays a principal's recorded calls against its current and a proposed policy and measures the
 * change; `simulate` is pure, `renderDiffMarkdown` prints its report.
 */
export {
  type CheckRequest,
  checkRequests,
  compareWithExternal,
  type Disagreement,
  type ExternalCheck,
} from './external-check.js';
export { type GrantedBaseline, grantedBaseline } from './granted-baseline.js';
export { actionDelta, highRiskReductions, type PolicyProfile, profilePolicySet } from './policy-metrics.js';
export { renderDiffMarkdown } from './render-markdown.js';
export { describeDecision, evaluateRow } from './replay.js';
export { MAX_VARIANTS, principalContext, rowContexts } from './request-context.js';
export { mergeUsage, simulate } from './simulate.js';
export type {
  CaseResult,
  Concreteness,
  Guardrails,
  HighRiskReduction,
  LabelledPolicies,
  RecordedUsage,
  RowChange,
  SimulationCase,
  SimulationInput,
  SimulationReport,
} from './types.js';
