import type { AnalysisDocument } from '../analysis/document.js';
import { type Finding, inputFindings, usageFindings } from './findings.js';
import { allRules } from './rules.js';
import { boundedValue } from './text.js';
import type { SarifLocation, SarifLog, SarifResult } from './types.js';
import { principalFilter } from './usage-totals.js';

/** Where SARIF viewers send users who want to know what produced the report. */
export const IAMLP_INFORMATION_URI = 'https://www.npmjs.com/package/iamlp';

/** Options of `toSarif`. */
export interface SarifOptions {
  /** URI of the analysis file, used as every result's artifact so that code-scanning UIs accept the results. */
  readonly analysisUri: string;
  /** Principals to report on; default: every principal iamlp drafts for (not service-linked roles or services). */
  readonly principals?: readonly string[];
  readonly toolVersion: string;
}

const FINGERPRINT_KEY = 'iamlpFinding/v1';

/**
 * Turns an analysis into a SARIF 2.1.0 log with one result per finding, in deterministic order; record-derived
 * values appear only in plain-text fields, escaped and bounded.
 */
export function toSarif(doc: AnalysisDocument, options: SarifOptions): SarifLog {
  const rules = allRules();
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const include = principalFilter(doc, options.principals);
  const findings = [...usageFindings(doc, include), ...inputFindings(doc)].sort(compareFindings);
  const results = findings.map(
    (f): SarifResult => ({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
      level: f.level,
      message: { text: f.text },
      locations: [locationOf(f, options.analysisUri)],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      properties: f.properties,
    }),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'iamlp',
            informationUri: IAMLP_INFORMATION_URI,
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            rules,
          },
        },
        results,
      },
    ],
  };
}

/** The analysis file (line 1: results are about the whole file) plus the principal as a logical location. */
function locationOf(finding: Finding, analysisUri: string): SarifLocation {
  const location: SarifLocation = {
    physicalLocation: { artifactLocation: { uri: analysisUri }, region: { startLine: 1 } },
  };
  if (finding.principal !== undefined) {
    const arn = boundedValue(finding.principal);
    location.logicalLocations = [{ name: shortName(arn), fullyQualifiedName: arn, kind: 'member' }];
  }
  return location;
}

/** `arn:aws:iam::1:role/path/app` → `app`: what a viewer shows in narrow columns. */
function shortName(arn: string): string {
  const cut = Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':'));
  return arn.slice(cut + 1) || arn;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compare(a.ruleId, b.ruleId) || compareKeys(a.sortKey, b.sortKey) || compare(a.fingerprint, b.fingerprint)
  );
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = compare(a[i] ?? '', b[i] ?? '');
    if (c !== 0) return c;
  }
  return 0;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
