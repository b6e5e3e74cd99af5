import type { AnalysisDocument } from '../analysis/document.js';
import { riskOf } from '../risk/index.js';
import { levelOfSeverity, RULE_IDS, riskRuleId } from './rules.js';
import { fingerprint, plainText } from './text.js';
import type { SarifLevel } from './types.js';
import { type UsageTotal, usageTotals } from './usage-totals.js';

/** One result before it is placed in the log. */
export interface Finding {
  readonly ruleId: string;
  readonly level: SarifLevel;
  /** Plain text; every record-derived value in it went through `plainText`. */
  readonly text: string;
  /** Principal ARN the finding is about, when it is about one. */
  readonly principal?: string;
  readonly fingerprint: string;
  /** Sort key after the rule id: principal, action, resource (or source, name). */
  readonly sortKey: readonly string[];
  readonly properties: Record<string, string | number>;
}

/** Findings about what the covered principals did: high-risk use, `"*"` fallbacks, denied calls. */
export function usageFindings(doc: AnalysisDocument, include: (arn: string) => boolean): Finding[] {
  const findings: Finding[] = [];
  for (const total of usageTotals(doc.usage, include)) {
    const risk = total.calls > 0 ? riskOf(total.action) : undefined;
    if (risk) {
      const label = risk.category.replaceAll('-', ' ');
      const text = `${subject(total)} used high-risk action ${plainText(total.action)} on ${plainText(total.resource)}: ${total.calls} successful call(s), ${seen(total)}. ${capitalise(label)} (${risk.severity}): ${riskSentence(plainText(total.action), risk.reason)}`;
      const properties = { category: risk.category, severity: risk.severity, ...counts(total) };
      findings.push(
        usageFinding(total, riskRuleId(risk.category), levelOfSeverity(risk.severity), text, properties),
      );
    }
    if (total.unresolved && total.resource === '*') {
      const text = `${subject(total)} used ${plainText(total.action)} on a resource iamlp could not determine, so the draft grants it on "*": ${total.calls} successful call(s), ${seen(total)}.`;
      findings.push(usageFinding(total, RULE_IDS.unresolvedResource, 'warning', text, counts(total)));
    }
    if (total.denied > 0) {
      const text = `${subject(total)} was denied ${plainText(total.action)} on ${plainText(total.resource)}: ${total.denied} denied call(s), ${seen(total)}.`;
      findings.push(usageFinding(total, RULE_IDS.deniedCall, 'note', text, counts(total)));
    }
  }
  return findings;
}

/** Findings about the input as a whole: unmapped event names and quarantined records. */
export function inputFindings(doc: AnalysisDocument): Finding[] {
  const findings: Finding[] = doc.unmapped.map((row) => ({
    ruleId: RULE_IDS.unmappedEvent,
    level: 'note',
    text: `${row.count} call(s) to ${plainText(row.eventSource)} ${plainText(row.eventName)} could not be mapped to IAM actions: ${plainText(row.reason)}`,
    fingerprint: fingerprint('unmapped', row.eventSource, row.eventName),
    sortKey: [row.eventSource, row.eventName],
    properties: { calls: row.count },
  }));
  for (const [code, count] of Object.entries(doc.quarantine.byCode)) {
    if (count === 0) continue;
    const samples = doc.quarantine.samples
      .filter((s) => s.code === code)
      .slice(0, 3)
      .map((s) => plainText(s.line === undefined ? s.source : `${s.source}:${s.line}`));
    const where = samples.length > 0 ? `; for example ${samples.join(', ')}` : '';
    findings.push({
      ruleId: RULE_IDS.quarantined,
      level: 'warning',
      text: `${count} record(s) quarantined with code ${plainText(code)}${where}.`,
      fingerprint: fingerprint('quarantine', code),
      sortKey: [code],
      properties: { records: count },
    });
  }
  return findings;
}

function usageFinding(
  total: UsageTotal,
  ruleId: string,
  level: SarifLevel,
  text: string,
  properties: Record<string, string | number>,
): Finding {
  return {
    ruleId,
    level,
    text,
    principal: total.principal,
    fingerprint: fingerprint(total.principal, total.action, total.resource),
    sortKey: [total.principal, total.action, total.resource],
    properties,
  };
}

function subject(total: UsageTotal): string {
  return `Principal ${plainText(total.principal)}`;
}

function seen(total: UsageTotal): string {
  return `first seen ${total.firstSeen}, last seen ${total.lastSeen}`;
}

function counts(total: UsageTotal): Record<string, string | number> {
  return { calls: total.calls, denied: total.denied, firstSeen: total.firstSeen, lastSeen: total.lastSeen };
}

/** Curated reasons are predicates that follow the action name ("lets the caller …"); others are sentences. */
function riskSentence(action: string, reason: string): string {
  return /^[a-z]/.test(reason) ? `${action} ${reason}` : reason;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
