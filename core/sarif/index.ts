/** SARIF 2.1.0 reports of an analysis: high-risk use, "*" fallbacks, unmapped events, denied calls, quarantine. */
export { RULE_IDS, riskRuleId } from './rules.js';
export { IAMLP_INFORMATION_URI, type SarifOptions, toSarif } from './to-sarif.js';
export type { SarifLevel, SarifLog, SarifResult, SarifRule, SarifRun } from './types.js';
