/**
 * Derives core/data/action-map.generated.ts from iam-dataset's map.json (MIT, see core/data/LICENSE-iam-dataset).
 *
 * map.json maps SDK methods (`S3.HeadObject`) to the IAM actions they need, with resource templates over the SDK's
 * PascalCase parameters. The mapper needs it keyed the way CloudTrail speaks: IAM prefix → eventName, templates over
 * CloudTrail's lowerCamelCase requestParameters, only actions the IAM reference data knows, and iam:PassRole only
 * where the request names the role. Everything dropped is counted in the printed report.
 *
 * Usage: npx tsx scripts/derive-action-map.ts <path to map.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActionMapData, Clause, ClauseOp, EncodedRule, Rule } from '../core/actions/action-map-data.js';
import { encodeRule } from '../core/actions/action-map-data.js';
import { IAM_REFERENCE_VERSION, lookupAction } from '../core/actions/reference-data.js';

interface MapCondition {
  lhs: string;
  op: string;
  rhs?: string;
  andCondition?: MapCondition;
}
interface MapEntry {
  action: string;
  resource_mappings?: Record<string, { template: string }>;
  resourcearn_mappings?: Record<string, string>;
  arn_override?: { template: string };
  conditions?: MapCondition;
}
interface MapJson {
  sdk_permissionless_actions: string[];
  sdk_method_iam_mappings: Record<string, MapEntry[]>;
  sdk_service_mappings: Record<string, string>;
}

const mapPath = process.argv[2];
if (!mapPath) {
  console.error('usage: npx tsx scripts/derive-action-map.ts <path to iam-dataset map.json>');
  process.exit(2);
}
const map = JSON.parse(readFileSync(mapPath, 'utf8')) as MapJson;

const dropped = new Map<string, number>();
const unknownActions = new Set<string>();
function drop(reason: string): void {
  dropped.set(reason, (dropped.get(reason) ?? 0) + 1);
}

/** The SDK service's own IAM prefix: the prefix named like it, else the one most of its actions use. */
function ownPrefix(sdk: string, entries: MapEntry[][]): string {
  const counts = new Map<string, number>();
  for (const list of entries)
    for (const e of list) {
      const prefix = e.action.split(':')[0] as string;
      counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
    }
  if (counts.has(sdk.toLowerCase())) return sdk.toLowerCase();
  const named = map.sdk_service_mappings[sdk];
  if (named !== undefined && counts.has(named)) return named;
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] as string;
}

// S3 (REST/XML) logs URI and header parameters under their own names and the XML body with its element names.
const S3_PARAMS: Record<string, string> = {
  Bucket: 'bucketName',
  Key: 'key',
  VersionId: 'versionId',
  UploadId: 'uploadId',
  PartNumber: 'partNumber',
  CopySource: 'x-amz-copy-source',
  TaggingDirective: 'x-amz-tagging-directive',
  ExpectedBucketOwner: 'x-amz-expected-bucket-owner',
};
const CONTEXT_VARS = new Set(['Partition', 'Region', 'Account']);

/** SDK parameter path → CloudTrail requestParameters path (first letter of each segment lowered; S3 special). */
function toCloudTrailPath(path: string, sdk: string): string {
  if (CONTEXT_VARS.has(path)) return path;
  if (sdk === 'S3') {
    const [head = '', ...rest] = path.split('.');
    return [S3_PARAMS[head] ?? head, ...rest].join('.');
  }
  return path
    .split('.')
    .map((s) => s.charAt(0).toLowerCase() + s.slice(1))
    .join('.');
}

interface Alternative {
  template: string;
  when?: Clause;
}

/** Rewrites each `${SdkPath}` in CloudTrail's spelling; map.json's helpers (`%%regex%…%%` …) stay for core/resources. */
function translateRefs(template: string, sdk: string): string | undefined {
  // map.json's typos (`$$`, empty `${}` or `%%regex%%`) cannot be evaluated.
  if (template === '' || /\$\$|\$\{\}|%%regex%%/.test(template)) return undefined;
  return template.replace(/\$\{([^}]+)\}/g, (_, p: string) => `\${${toCloudTrailPath(p, sdk)}}`);
}

/**
 * Splits a top-level `%%many%a%b%%` into alternatives and turns `%%iftruthy%${x}%then%else%%` into alternatives
 * with conditions, so a target is only emitted when the request selects it (instead of a target whose template
 * evaluates to nothing). Nested helpers stay in the template.
 */
function lowerTemplate(raw: string, sdk: string): Alternative[] {
  const inner = (helper: string) =>
    raw.startsWith(helper) && raw.endsWith('%%') && !raw.slice(helper.length, -2).includes('%%')
      ? raw.slice(helper.length, -2)
      : undefined;
  const many = inner('%%many%');
  if (many !== undefined) return many.split('%').flatMap((part) => lowerTemplate(part, sdk));
  const iftruthy = inner('%%iftruthy%');
  if (iftruthy !== undefined) {
    const [test = '', then, otherwise] = iftruthy.split('%');
    const path = /^\$\{([^}]+)\}$/.exec(test)?.[1];
    if (path === undefined) return [];
    const ctPath = toCloudTrailPath(path, sdk);
    const out: Alternative[] = [];
    if (then !== '') out.push({ template: then ?? test, when: [ctPath, 'Exists'] });
    if (otherwise) out.push({ template: otherwise, when: [ctPath, 'NotExists'] });
    return out.flatMap((alt) =>
      lowerTemplate(alt.template, sdk).map((a) => ({ ...alt, template: a.template })),
    );
  }
  const template = translateRefs(raw, sdk);
  return template === undefined ? [] : [{ template }];
}

const OPS = new Set(['Exists', 'NotExists', 'Equals', 'NotEquals', 'IContains', 'INotContains']);

function lowerConditions(cond: MapCondition | undefined, sdk: string): Clause[] | undefined {
  const clauses: Clause[] = [];
  for (let c = cond; c !== undefined; c = c.andCondition) {
    if (!OPS.has(c.op)) return undefined;
    const path = toCloudTrailPath(c.lhs, sdk);
    clauses.push(c.rhs === undefined ? [path, c.op as ClauseOp] : [path, c.op as ClauseOp, c.rhs]);
  }
  return clauses;
}

const requestVars = (t: string) =>
  [...t.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1] as string).filter((v) => !CONTEXT_VARS.has(v));

/** A field that names a role or instance profile (`roleArn`, `serviceRoleOverride`, `iamInstanceProfile.name`). */
const NAMES_A_ROLE = /(role|instanceprofile)[^.]*(\.(arn|name))?$/i;
/** A field whose mere presence means "this role is passed" (`%%iftruthy%${IamInstanceProfile.Arn}%*%%%`). */
const IS_A_ROLE = /(role|rolearn|instanceprofile|instanceprofilearn)(\.(arn|name))?$/i;
/** Role-ish fields map.json lists that are not passed: MQ LDAP group settings, roles a Budgets action restricts. */
const NOT_PASSED = /^(ldapServerMetadata|definition\.iamActionDefinition)\./;

/**
 * iam:PassRole is only evidence when the request names the role. `%%iftruthy%${X}%*%%%` ("if X is set, PassRole on
 * anything") becomes PassRole on X itself when X is a role or instance profile; the rest (launch templates, IAM
 * database auth flags, bare `*`) name no role, and neither do map.json's slips (`signingRegion`, `policyArn`).
 */
function passRoleAlternative(alt: Alternative): Alternative | undefined {
  let template = alt.template;
  if (template === '*' && alt.when?.[1] === 'Exists') {
    const path = alt.when[0];
    if (/instanceprofile\.name$/i.test(path))
      template = `arn:\${Partition}:iam::\${Account}:instance-profile/\${${path}}`;
    else if (IS_A_ROLE.test(path.replaceAll('[]', ''))) template = `\${${path}}`;
  }
  const vars = requestVars(template);
  const passes = (v: string) => NAMES_A_ROLE.test(v.replaceAll('[]', '')) && !NOT_PASSED.test(v);
  if (vars.length === 0 || !vars.every(passes)) return undefined;
  return { template, ...(alt.when ? { when: alt.when } : {}) };
}

/** Calls that take a role away pass nothing, whatever map.json lists. */
const REMOVES = /^(Remove|Delete|Disassociate|Detach)/;

/** Lowers one map.json entry into rules, one per template alternative. */
function lowerEntry(entry: MapEntry, sdk: string, op: string): Rule[] {
  // S3 on Outposts calls log as s3-outposts.amazonaws.com; under s3.amazonaws.com these names are plain S3.
  if (sdk === 'S3Control' && entry.action.startsWith('s3-outposts:')) {
    drop('S3 on Outposts action listed for an S3 Control call');
    return [];
  }
  if (entry.action === 'iam:PassRole' && REMOVES.test(op)) {
    drop('iam:PassRole on a call that removes a role');
    return [];
  }
  const info = lookupAction(entry.action);
  if (!info) {
    unknownActions.add(entry.action);
    drop('action not in IAM reference');
    return [];
  }
  const when = lowerConditions(entry.conditions, sdk);
  if (when === undefined) {
    drop('unsupported condition operator');
    return [];
  }
  const base: Rule = { action: info.action, ...(when.length > 0 ? { when } : {}) };
  const arnSources = [
    ...(entry.arn_override ? [entry.arn_override.template] : []),
    ...Object.values(entry.resourcearn_mappings ?? {}),
  ];
  let arns: Alternative[] = [...new Set(arnSources)].flatMap((t) => lowerTemplate(t, sdk));
  if (arnSources.length > 0 && arns.length === 0) drop('unsupported template');
  let vars: Record<string, string> | undefined;
  for (const [key, { template }] of Object.entries(entry.resource_mappings ?? {})) {
    const translated = translateRefs(template, sdk);
    if (translated === undefined) drop('unsupported template');
    else vars = { ...vars, [key]: translated };
  }
  const passRole = info.action === 'iam:PassRole';
  if (passRole) {
    const named = arns.map(passRoleAlternative).filter((a): a is Alternative => a !== undefined);
    for (let i = named.length; i < Math.max(arns.length, 1); i++)
      drop('iam:PassRole without a role in the request');
    arns = named;
    if (arns.length === 0) return [];
  }
  if (arns.length === 0) return [{ ...base, ...(vars ? { vars } : {}) }];
  return arns.map((a) => ({
    ...base,
    ...(vars && !passRole ? { vars } : {}),
    arn: a.template,
    ...(a.when ? { when: [...(base.when ?? []), a.when] } : {}),
  }));
}

// Group SDK methods by service, then services by their IAM prefix (the CloudTrail eventSource's prefix).
const bySdk = new Map<string, Map<string, MapEntry[]>>();
for (const [method, entries] of Object.entries(map.sdk_method_iam_mappings)) {
  const [sdk = '', op = ''] = method.split('.');
  if (!bySdk.has(sdk)) bySdk.set(sdk, new Map());
  bySdk.get(sdk)?.set(op, entries);
}
const byPrefix = new Map<string, string[]>();
for (const [sdk, ops] of bySdk) {
  const prefix = ownPrefix(sdk, [...ops.values()]);
  byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), sdk]);
}

// The SDK named like the prefix wins name clashes (S3 over S3Control, RDS over DocDB/Neptune), then the largest.
const services: Record<string, Record<string, EncodedRule[]>> = {};
let methodCount = 0;
let ruleCount = 0;
for (const prefix of [...byPrefix.keys()].sort()) {
  const sdks = (byPrefix.get(prefix) ?? []).sort(
    (a, b) =>
      Number(b.toLowerCase() === prefix) - Number(a.toLowerCase() === prefix) ||
      (bySdk.get(b)?.size ?? 0) - (bySdk.get(a)?.size ?? 0) ||
      a.localeCompare(b),
  );
  const ops = new Map<string, Rule[]>();
  for (const sdk of sdks) {
    for (const [op, entries] of bySdk.get(sdk) ?? []) {
      const rules = entries.flatMap((e) => lowerEntry(e, sdk, op));
      const existing = ops.get(op);
      // On a clash keep the first SDK's rules, but add the other's PassRole rules: they only fire on a named role.
      if (existing) existing.push(...rules.filter((r) => r.action === 'iam:PassRole'));
      else ops.set(op, rules);
    }
  }
  const table: Record<string, EncodedRule[]> = {};
  for (const op of [...ops.keys()].sort()) {
    const unique = [...new Map((ops.get(op) ?? []).map((r) => [JSON.stringify(encodeRule(r)), r])).values()];
    table[op] = unique.map(encodeRule);
    methodCount++;
    ruleCount += unique.length;
  }
  services[prefix] = table;
}

const permissionless = map.sdk_permissionless_actions.flatMap((m) => {
  const [sdk = '', op = ''] = m.split('.');
  const prefix = [...byPrefix].find(([, sdks]) => sdks.includes(sdk))?.[0];
  return prefix ? [`${prefix}:${op}`] : [];
});

const data: ActionMapData = {
  source: `iam-dataset map.json (https://github.com/iann0036/iam-dataset, MIT): ${bySdk.size} SDK services`,
  iamDataVersion: IAM_REFERENCE_VERSION,
  services,
  permissionless,
};
const json = JSON.stringify(data);
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'core', 'data', 'action-map.generated.ts');
writeFileSync(
  out,
  [
    '// Generated by scripts/derive-action-map.ts from iam-dataset map.json (MIT, see LICENSE-iam-dataset).',
    '// Do not edit by hand.',
    "import type { ActionMapData } from '../actions/action-map-data.js';",
    '',
    `export const ACTION_MAP_DATA: ActionMapData = JSON.parse(${JSON.stringify(json)});`,
    '',
  ].join('\n'),
);

console.log(`wrote ${out}: ${(json.length / 1e6).toFixed(2)} MB`);
console.log(`  ${byPrefix.size} IAM prefixes from ${bySdk.size} SDK services`);
console.log(`  ${methodCount} operations, ${ruleCount} rules, ${permissionless.length} permissionless`);
for (const [reason, n] of [...dropped].sort((a, b) => b[1] - a[1])) console.log(`  dropped ${n} × ${reason}`);
console.log(`  ${unknownActions.size} distinct actions unknown to IAM reference data, e.g.:`);
console.log(`    ${[...unknownActions].sort().slice(0, 40).join(' ')}`);
