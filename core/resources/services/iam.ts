import {
  ABSENT,
  type ExtractInput,
  type Extraction,
  type Extractor,
  found,
  type Named,
  type ServiceRules,
  UNRESOLVABLE,
} from '../extraction.js';
import { evaluateTemplate } from '../param-template.js';
import { field, firstText, text } from '../request-params.js';

/**
 * IAM users, roles, groups, instance profiles and policies: by name plus `path` where the request carries one
 * (CreateRole, CreateUser, …; otherwise the default path `/` is assumed), by ARN (`policyArn`), or from the ARN in
 * the response of create calls. IAM ARNs have no region.
 *
 * iam:PassRole is never logged; core/actions infers it and points `target.arnTemplate` at the parameter holding
 * the role (`${role}`, `${executionRoleArn}`, …). Without a template the usual role parameters are read. A role
 * passed only through an instance profile (EC2 RunInstances `iamInstanceProfile`) cannot be known from the
 * request, so it stays unresolved.
 */

/** Valid IAM paths are `/` or `/a/b/`. */
const IAM_PATH = /^\/(?:[^\s:]+\/)?$/;

/** Parameters through which services receive a role to pass, in CloudTrail's spellings. */
const PASSED_ROLE_PARAMS = [
  'role',
  'roleArn',
  'roleARN',
  'executionRoleArn',
  'taskRoleArn',
  'serviceRoleArn',
] as const;

function fromResponse(input: ExtractInput, member: string): Named | undefined {
  const arn = text(field(input.ctx.responseElements, member), 'arn');
  return arn !== undefined && input.template.matches(arn) ? { arn } : undefined;
}

/** An entity known by `<nameParam>` (+ `path`), by an ARN parameter, or by the create call's response. */
function entity(variable: string, nameParam: string, responseMember: string, arnParam?: string): Extractor {
  return (input) => {
    const response = fromResponse(input, responseMember);
    if (response !== undefined) return found([response]);
    const arn = arnParam === undefined ? undefined : text(input.params, arnParam);
    if (arn !== undefined) return found([{ arn }]);
    const name = text(input.params, nameParam);
    if (name === undefined) return ABSENT;
    const path = text(input.params, 'path') ?? '/';
    if (!IAM_PATH.test(path)) return UNRESOLVABLE;
    return found([{ vars: { [variable]: `${path.slice(1)}${name}` } }]);
  };
}

/**
 * IAM applies user calls that name no user (GetUser, ListAccessKeys, CreateAccessKey, ChangePassword, …) to the
 * calling user, whom the request does not name: the call had a resource, it is just not in the request.
 */
function userOrCaller(named: Extractor): Extractor {
  return (input) => {
    const extraction = named(input);
    const onlyUsers = input.target.info.resourceTypes.length === 1;
    return extraction.kind === 'absent' && onlyUsers ? UNRESOLVABLE : extraction;
  };
}

function passedRole(value: string): Named {
  return value.startsWith('arn:') ? { arn: value } : { vars: { RoleNameWithPath: value } };
}

function passRole(input: ExtractInput): Extraction {
  const { arnTemplate } = input.target;
  if (arnTemplate !== undefined) {
    const values = evaluateTemplate(arnTemplate, { params: input.params, scope: input.ctx });
    if (values === 'invalid') return UNRESOLVABLE;
    const roles = values.filter((value) => value !== '');
    return roles.length === 0 ? UNRESOLVABLE : found(roles.map(passedRole));
  }
  const roles: Named[] = [];
  for (const param of PASSED_ROLE_PARAMS) {
    const value = text(input.params, param);
    if (value !== undefined) roles.push(passedRole(value));
  }
  // Nothing named: the role came with an instance profile, a launch template, or a parameter we do not know.
  return roles.length === 0 ? UNRESOLVABLE : found(roles);
}

/** Extractor table for the `iam` prefix. */
export const IAM_RULES: ServiceRules = {
  types: {
    user: userOrCaller(entity('UserNameWithPath', 'userName', 'user')),
    role: entity('RoleNameWithPath', 'roleName', 'role'),
    group: entity('GroupNameWithPath', 'groupName', 'group'),
    'instance-profile': entity('InstanceProfileNameWithPath', 'instanceProfileName', 'instanceProfile'),
    policy: entity('PolicyNameWithPath', 'policyName', 'policy', 'policyArn'),
  },
  actions: { PassRole: { role: passRole } },
  // The record describes the calling service's own resources, never the role being passed.
  ignoreRecord: (input) => input.target.info.name === 'PassRole',
};

/** sts:AssumeRole* (and the TagSession/SetSourceIdentity that ride along) act on the role in `roleArn`. */
function assumedRole(input: ExtractInput): Extraction {
  const arn = firstText(input.params, ['roleArn', 'roleARN']);
  return arn === undefined ? ABSENT : found([{ arn }]);
}

/** Extractor table for the `sts` prefix: the role ARN is used as is, whichever account owns it. */
export const STS_RULES: ServiceRules = {
  types: { role: assumedRole },
};
