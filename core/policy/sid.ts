import { lookupAction } from '../actions/reference-data.js';
import type { DraftStatement } from './group-statements.js';

/** Longest Sid emitted, suffix included; the splitter reserves this much per statement. */
export const MAX_SID_LENGTH = 64;
const MAX_BASE_LENGTH = MAX_SID_LENGTH - 6;

/** Service prefixes whose plain capitalisation reads badly. */
const SERVICE_NAMES: Readonly<Record<string, string>> = {
  apigateway: 'ApiGateway',
  autoscaling: 'AutoScaling',
  cloudformation: 'CloudFormation',
  cloudfront: 'CloudFront',
  cloudtrail: 'CloudTrail',
  cloudwatch: 'CloudWatch',
  codebuild: 'CodeBuild',
  codepipeline: 'CodePipeline',
  dynamodb: 'DynamoDb',
  elasticloadbalancing: 'ElasticLoadBalancing',
  secretsmanager: 'SecretsManager',
  sagemaker: 'SageMaker',
  stepfunctions: 'StepFunctions',
};

/** Gives each statement a readable Sid derived from its content, unique within the draft (numeric suffixes). */
export function assignSids(statements: readonly DraftStatement[]): string[] {
  const used = new Set<string>();
  return statements.map((st) => {
    const base = sidBase(st);
    let sid = base;
    for (let n = 2; used.has(sid); n++) sid = `${base}${n}`;
    used.add(sid);
    return sid;
  });
}

/** `<Service><Action or access verb><resource type><condition>`, e.g. `KmsDecryptViaSecretsManager`. */
function sidBase(st: DraftStatement): string {
  const services = [...new Set(st.actions.map((a) => a.slice(0, a.indexOf(':'))))];
  const service = services.length === 1 ? serviceName(services[0] ?? '') : 'Multi';
  const single = st.actions.length === 1 ? st.actions[0] : undefined;
  const what = single
    ? single.slice(single.indexOf(':') + 1)
    : `${accessVerb(st.actions)}${resourceHint(st)}`;
  const base = `${service}${what}${conditionHint(st)}`.replace(/[^A-Za-z0-9]/g, '');
  return (base || 'Statement').slice(0, MAX_BASE_LENGTH);
}

/** Display name of a service prefix or a service host (`lambda.amazonaws.com` → `Lambda`). */
function serviceName(prefixOrHost: string): string {
  const prefix = prefixOrHost.split('.')[0] ?? '';
  return (
    SERVICE_NAMES[prefix] ??
    prefix
      .split(/[^A-Za-z0-9]+/)
      .map(capitalise)
      .join('')
  );
}

function accessVerb(actions: readonly string[]): string {
  const levels = new Set(actions.map((a) => lookupAction(a)?.accessLevel ?? 'Write'));
  const reads = levels.has('List') || levels.has('Read');
  const writes = levels.has('Write') || levels.has('Tagging') || levels.has('Permissions management');
  if (reads && writes) return 'ReadWrite';
  if (reads) return levels.has('Read') ? 'Read' : 'List';
  if (levels.size === 1 && levels.has('Tagging')) return 'Tag';
  if (levels.size === 1 && levels.has('Permissions management')) return 'ManagePermissions';
  return 'Write';
}

/** Plural resource type when all resources share one (`Objects`, `Tables`); empty otherwise or for `"*"`. */
function resourceHint(st: DraftStatement): string {
  const types = new Set(st.resources.map(resourceType));
  const [only] = types;
  if (types.size !== 1 || !only) return '';
  const name = only
    .split(/[^A-Za-z0-9]+/)
    .map(capitalise)
    .join('');
  return plural(name);
}

function plural(name: string): string {
  if (name.endsWith('s')) return name;
  return /[^aeiou]y$/i.test(name) ? `${name.slice(0, -1)}ies` : `${name}s`;
}

function resourceType(arn: string): string {
  const parts = arn.split(':');
  if (parts.length < 6) return '';
  const resource = parts.slice(5).join(':');
  if (parts[2] === 's3') return resource.includes('/') ? 'object' : 'bucket';
  const match = /^([A-Za-z0-9-]+)[/:]/.exec(resource);
  return match?.[1] ?? '';
}

function conditionHint(st: DraftStatement): string {
  const equals = st.condition?.StringEquals;
  const via = equals?.['kms:ViaService'];
  if (via) return `Via${hostNames(via)}`;
  const passed = equals?.['iam:PassedToService'];
  if (passed) return `To${hostNames(passed)}`;
  return '';
}

function hostNames(values: string[] | string): string {
  const list = typeof values === 'string' ? [values] : values;
  return [...new Set(list.map(serviceName))].join('');
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
