/** The subset of SARIF 2.1.0 that iamlp emits (names as in the OASIS schema). */

/** SARIF `level`: how serious a result is. */
export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** Plain-text and optional Markdown forms of a message. */
export interface SarifMessage {
  text: string;
  markdown?: string;
}

/** A `reportingDescriptor` describing one rule. */
export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity'?: string };
}

/** A `logicalLocation`: here, the principal a result is about. */
export interface SarifLogicalLocation {
  name: string;
  fullyQualifiedName: string;
  kind: string;
}

/** A `location` with the analysis file as its artifact. */
export interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
  logicalLocations?: SarifLogicalLocation[];
}

/** One `result`. */
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties?: Record<string, string | number | boolean>;
}

/** One `run` of one tool. */
export interface SarifRun {
  tool: {
    driver: {
      name: string;
      informationUri: string;
      version: string;
      semanticVersion: string;
      rules: SarifRule[];
    };
  };
  results: SarifResult[];
}

/** A SARIF 2.1.0 log. */
export interface SarifLog {
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json';
  version: '2.1.0';
  runs: SarifRun[];
}
