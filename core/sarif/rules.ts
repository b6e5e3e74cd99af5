import { highRiskActions, RISK_CATEGORIES, type RiskCategory, type RiskSeverity } from '../risk/index.js';
import { escapeMarkdown } from './text.js';
import type { SarifLevel, SarifRule } from './types.js';

/** Rule ids of the findings that are not about a risk category. */
export const RULE_IDS = {
  unresolvedResource: 'IAMLP002',
  unmappedEvent: 'IAMLP003',
  deniedCall: 'IAMLP004',
  quarantined: 'IAMLP005',
} as const;

/** IAMLP100 + the category's position in RISK_CATEGORIES: ids stay stable as long as the order does. */
export function riskRuleId(category: RiskCategory): string {
  return `IAMLP${100 + RISK_CATEGORIES.indexOf(category)}`;
}

/** SARIF level of a high-risk result. */
export function levelOfSeverity(severity: RiskSeverity): SarifLevel {
  return severity === 'medium' ? 'warning' : 'error';
}

const CATEGORY_TEXT: Readonly<Record<RiskCategory, { name: string; harm: string }>> = {
  'privilege-escalation': {
    name: 'PrivilegeEscalationActionUsed',
    harm: 'can grant the caller (or another principal) more permissions than it has',
  },
  'credentials-exposure': {
    name: 'CredentialsExposureActionUsed',
    harm: 'can create, read or hand out credentials, secrets or keys',
  },
  'resource-exposure': {
    name: 'ResourceExposureActionUsed',
    harm: 'can change resource policies or sharing so that other principals or accounts gain access',
  },
  'data-exfiltration': {
    name: 'DataExfiltrationActionUsed',
    harm: 'can copy or move data out of the account',
  },
  'defense-evasion': {
    name: 'DefenseEvasionActionUsed',
    harm: 'can stop, delete or weaken logging, monitoring or guardrails',
  },
  destructive: {
    name: 'DestructiveActionUsed',
    harm: 'can irreversibly delete or damage resources or data',
  },
};

/** GitHub code scanning buckets security-severity: ≥ 9 critical, ≥ 7 high, ≥ 4 medium. */
const SECURITY_SEVERITY: Readonly<Record<RiskSeverity, string>> = {
  critical: '9.0',
  high: '7.5',
  medium: '5.0',
};

/** All rules, sorted by id (results refer to them by index). */
export function allRules(): SarifRule[] {
  return [...otherRules(), ...RISK_CATEGORIES.map(riskRule)].sort((a, b) => (a.id < b.id ? -1 : 1));
}

function riskRule(category: RiskCategory): SarifRule {
  const { name, harm } = CATEGORY_TEXT[category];
  const label = category.replaceAll('-', ' ');
  const worst = highRiskActions().find((e) => e.category === category)?.severity ?? 'medium';
  const full = `A principal successfully called an IAM action classed as ${label}: it ${harm}.`;
  const advice =
    'Confirm the principal needs this action. If it does, keep it scoped to the resources in the drafted ' +
    'policy and consider a permissions boundary or an SCP; if it does not, remove it and investigate the calls.';
  return {
    id: riskRuleId(category),
    name,
    shortDescription: { text: `High-risk action used: ${label}` },
    fullDescription: { text: full },
    help: {
      text: `${full} ${advice}`,
      markdown: markdownHelp(`High-risk action used (${label})`, full, advice),
    },
    defaultConfiguration: { level: levelOfSeverity(worst) },
    properties: { tags: ['security', 'iam', category], 'security-severity': SECURITY_SEVERITY[worst] },
  };
}

function otherRules(): SarifRule[] {
  return [
    rule(RULE_IDS.unresolvedResource, 'ResourceFellBackToWildcard', 'warning', ['iam', 'least-privilege'], {
      short: 'Resource could not be determined; "*" used',
      full: 'iamlp could not determine the resource of successful calls, so the drafted policy grants the action on "*".',
      help: 'Review the action and replace "*" with the resources the principal needs before applying the policy.',
    }),
    rule(RULE_IDS.unmappedEvent, 'UnmappedEventName', 'note', ['iam', 'coverage'], {
      short: 'CloudTrail event name not mapped to IAM actions',
      full: 'Calls with this event source and name could not be mapped to IAM actions, so they are missing from drafted policies.',
      help: 'Check whether the call needs a permission; add it to the drafted policy by hand if it does.',
    }),
    rule(RULE_IDS.deniedCall, 'AccessDenied', 'note', ['iam', 'access-denied'], {
      short: 'Call denied by an authorization check',
      full: 'The principal attempted an action and was denied (AccessDenied or a similar error). Denied actions are never drafted.',
      help: 'Either the workload lacks a permission it needs, or something attempted an action it should not: find out which.',
    }),
    rule(RULE_IDS.quarantined, 'QuarantinedRecords', 'warning', ['coverage', 'input'], {
      short: 'CloudTrail records quarantined',
      full: 'Some input records could not be read as CloudTrail events and were left out of the analysis.',
      help: 'Check the input files; the analysis lists the quarantine reasons and sample locations.',
    }),
  ];
}

function rule(
  id: string,
  name: string,
  level: SarifLevel,
  tags: string[],
  text: { short: string; full: string; help: string },
): SarifRule {
  return {
    id,
    name,
    shortDescription: { text: text.short },
    fullDescription: { text: text.full },
    help: { text: `${text.full} ${text.help}`, markdown: markdownHelp(text.short, text.full, text.help) },
    defaultConfiguration: { level },
    properties: { tags },
  };
}

/** Help as Markdown: a bold title and two paragraphs, every piece escaped. */
function markdownHelp(title: string, ...paragraphs: string[]): string {
  return [`**${escapeMarkdown(title)}**`, ...paragraphs.map(escapeMarkdown)].join('\n\n');
}
