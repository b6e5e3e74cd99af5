export { highRiskActions, riskOf } from './catalog.js';
export {
  RISK_CATEGORIES,
  RISK_SEVERITIES,
  type RiskCategory,
  type RiskEntry,
  type RiskOrigin,
  type RiskSeverity,
} from './types.js';
