import type { NotAGrantReason, Outcome } from '../types.js';

/**
 * Error codes AWS services use for authorization failures (after stripping EC2's `Client.` prefix).
 * Services are inconsistent, so the message check below catches the rest.
 */
const DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'UnauthorizedException',
  'Unauthorized',
  'AuthorizationError',
  'AuthorizationErrorException',
  'AuthorizationException',
  'AuthorizationFailure',
  'Forbidden',
  'ForbiddenException',
  'AllAccessDisabled',
  'VpceAccessDenied',
  'InsufficientPermissionsException',
  'AccessDeniedForDependencyException',
]);

/** The phrase IAM puts in every explicit or implicit deny message, whatever the service's error code. */
const DENIED_MESSAGE = /\bis not authorized to perform\b|\bnot authorized to perform\b/;

/** Event types that record something other than an API call the principal was authorised to make. */
const NOT_A_GRANT_TYPES: Readonly<Record<string, NotAGrantReason>> = {
  AwsServiceEvent: 'aws-service-event',
  AwsConsoleSignIn: 'console-sign-in',
  AwsConsoleAction: 'console-action',
  AwsVpceEvent: 'vpce-event',
  AwsCloudTrailInsight: 'insight',
};

/** Outcomes without details are shared: millions of calls need no object of their own. */
const SUCCESS: Outcome = Object.freeze({ kind: 'success' });
const NOT_A_GRANT = new Map<NotAGrantReason, Outcome>();

function notAGrantOutcome(reason: NotAGrantReason): Outcome {
  let outcome = NOT_A_GRANT.get(reason);
  if (!outcome) {
    outcome = Object.freeze({ kind: 'not-a-grant', reason });
    NOT_A_GRANT.set(reason, outcome);
  }
  return outcome;
}

/** The fields of a record that decide its outcome. */
export interface OutcomeInput {
  readonly eventType: string | undefined;
  readonly errorCode: string | null | undefined;
  readonly errorMessage: string | null | undefined;
  readonly permissionless: boolean;
}

/** Returns true when an error code (with or without EC2's `Client.`/`Server.` prefix) is an authorization failure. */
export function isDeniedCode(code: string): boolean {
  return DENIED_CODES.has(code.replace(/^(Client|Server)\./, ''));
}

/** Classifies a call: success, denied, other error, or not evidence of a grant at all. */
export function classifyOutcome(input: OutcomeInput): Outcome {
  const notAGrant = input.eventType ? NOT_A_GRANT_TYPES[input.eventType] : undefined;
  if (notAGrant) return notAGrantOutcome(notAGrant);
  if (input.permissionless) return notAGrantOutcome('permissionless');
  const code = input.errorCode;
  if (!code) return SUCCESS;
  const bounded = code.slice(0, 128);
  // Bound the message scan: CloudTrail error messages are attacker-influenced and can be huge.
  if (isDeniedCode(code) || DENIED_MESSAGE.test(input.errorMessage?.slice(0, 2048) ?? '')) {
    return { kind: 'denied', code: bounded };
  }
  return { kind: 'error', code: bounded };
}
