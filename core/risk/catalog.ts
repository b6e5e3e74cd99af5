import { type ActionInfo, allActions, lookupAction } from '../actions/reference-data.js';
import { CREDENTIALS_EXPOSURE } from './credentials-exposure.js';
import { DATA_EXFILTRATION } from './data-exfiltration.js';
import { DEFENSE_EVASION } from './defense-evasion.js';
import { DESTRUCTIVE } from './destructive.js';
import { PRIVILEGE_ESCALATION } from './privilege-escalation.js';
import { RESOURCE_EXPOSURE } from './resource-exposure.js';
import { type CuratedRisk, RISK_CATEGORIES, RISK_SEVERITIES, type RiskEntry } from './types.js';

/** The curated lists by category; a `Record` so that adding a category without a list fails to compile. */
export const CURATED_RISKS: Readonly<Record<RiskEntry['category'], readonly CuratedRisk[]>> = {
  'privilege-escalation': PRIVILEGE_ESCALATION,
  'credentials-exposure': CREDENTIALS_EXPOSURE,
  'resource-exposure': RESOURCE_EXPOSURE,
  'data-exfiltration': DATA_EXFILTRATION,
  'defense-evasion': DEFENSE_EVASION,
  destructive: DESTRUCTIVE,
};

interface Catalog {
  readonly byAction: ReadonlyMap<string, RiskEntry>;
  readonly ordered: readonly RiskEntry[];
}

let catalog: Catalog | undefined;

function permissionsManagementEntry(info: ActionInfo): RiskEntry {
  const types = info.resourceTypes.map((t) => t.key);
  const on = types.length > 0 ? ` (${types.join(', ')})` : '';
  return {
    action: info.action,
    category: 'resource-exposure',
    severity: 'medium',
    reason: `Permissions management action: can change who has access to ${info.service} resources${on}.`,
    origin: 'permissions-management',
  };
}

function compareEntries(a: RiskEntry, b: RiskEntry): number {
  const byCategory = RISK_CATEGORIES.indexOf(a.category) - RISK_CATEGORIES.indexOf(b.category);
  if (byCategory !== 0) return byCategory;
  const bySeverity = RISK_SEVERITIES.indexOf(a.severity) - RISK_SEVERITIES.indexOf(b.severity);
  if (bySeverity !== 0) return bySeverity;
  // Code-unit order, not localeCompare: the order must not depend on the host's locale.
  return a.action < b.action ? -1 : a.action > b.action ? 1 : 0;
}

function buildCatalog(): Catalog {
  const byAction = new Map<string, RiskEntry>();
  for (const category of RISK_CATEGORIES) {
    for (const curated of CURATED_RISKS[category]) {
      // An action missing from the reference data can never be emitted, so it could never match; the tests keep
      // the lists clean, and skipping keeps a reference-data upgrade from breaking the catalog at runtime.
      const info = lookupAction(curated.action);
      if (info === undefined) continue;
      const key = info.action.toLowerCase();
      if (byAction.has(key)) continue;
      byAction.set(key, Object.freeze({ ...curated, action: info.action, category, origin: 'curated' }));
    }
  }
  for (const info of allActions()) {
    const key = info.action.toLowerCase();
    if (info.accessLevel === 'Permissions management' && !byAction.has(key)) {
      byAction.set(key, Object.freeze(permissionsManagementEntry(info)));
    }
  }
  // Frozen because every caller shares the same entries.
  return { byAction, ordered: Object.freeze([...byAction.values()].sort(compareEntries)) };
}

function getCatalog(): Catalog {
  catalog ??= buildCatalog();
  return catalog;
}

/** Returns why an action is high-risk, or undefined when it is not; case-insensitive. */
export function riskOf(action: string): RiskEntry | undefined {
  return getCatalog().byAction.get(action.toLowerCase());
}

/** Every high-risk action, ordered by category, then severity (most severe first), then action name. */
export function highRiskActions(): readonly RiskEntry[] {
  return getCatalog().ordered;
}
