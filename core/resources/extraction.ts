import type { ActionTarget, CallContext } from '../call-context.js';
import type { ArnTemplate } from './arn-template.js';
import type { Params } from './request-params.js';

/**
 * Vocabulary of the per-service extractor tables: what an extractor sees and what it may answer. Extractors only
 * locate and reshape request values; validation and ARN assembly happen once, in resolve-resources.ts.
 */

/** Overrides of the call's partition/region/account, for requests that name a resource elsewhere. */
export interface Scope {
  readonly partition?: string;
  readonly region?: string;
  readonly account?: string;
}

/** One resource a request names: a whole ARN, or values for the type's ARN template variables. */
export type Named =
  | {
      readonly arn: string;
      /** Trusted text appended after validation, e.g. Secrets Manager's `-??????` random-suffix wildcard. */
      readonly suffix?: string;
      /** The ARN was picked from the record's `resources[]` rather than read from the request. */
      readonly fromRecord?: true;
    }
  | {
      readonly vars: Readonly<Record<string, string>>;
      readonly scope?: Scope;
      readonly suffix?: string;
    };

/** An extractor's answer for one resource type. */
export type Extraction =
  /** The request does not name a resource of this type (another type of the action may apply). */
  | { readonly kind: 'absent' }
  /** The call used such a resource but the request cannot name it safely (alias → key, instance profile → role). */
  | { readonly kind: 'unresolvable' }
  | { readonly kind: 'found'; readonly named: readonly Named[] };

/** What an extractor reads. */
export interface ExtractInput {
  readonly params: Params;
  readonly ctx: CallContext;
  readonly target: ActionTarget;
  /** The ARN template of the resource type being resolved, to recognise ARNs passed as parameters. */
  readonly template: ArnTemplate;
}

/** Finds the resources of one resource type in a request. */
export type Extractor = (input: ExtractInput) => Extraction;

/** How one service's requests name their resources: data, looked up by resource type and action. */
export interface ServiceRules {
  /** Resource type key (lower case, as in the IAM reference) → extractor. */
  readonly types: Readonly<Record<string, Extractor>>;
  /** Action name → resource type key → extractor, for actions whose resource sits in unusual parameters. */
  readonly actions?: Readonly<Record<string, Readonly<Record<string, Extractor>>>>;
  /** True when the record's `resources[]` name other resources of the call than this action's. */
  readonly ignoreRecord?: (input: Omit<ExtractInput, 'template'>) => boolean;
  /**
   * Every call of the service names its resource (S3 calls always carry their bucket), even where IAM lists only
   * alternative, optional resource types: when nothing was found the record lost it, so the `"*"` is never
   * 'unscoped'.
   */
  readonly alwaysNamed?: true;
}

/** The request does not name a resource of this type. */
export const ABSENT: Extraction = { kind: 'absent' };
/** The resource exists but cannot be named safely. */
export const UNRESOLVABLE: Extraction = { kind: 'unresolvable' };

/** Wraps named resources; an empty list means absent. */
export function found(named: readonly Named[]): Extraction {
  return named.length === 0 ? ABSENT : { kind: 'found', named };
}

/** An ARN value when it belongs to the type being resolved, else a template variable (ARN-or-name parameters). */
export function arnOrName(input: ExtractInput, variable: string, value: string): Named | undefined {
  if (!value.startsWith('arn:')) return { vars: { [variable]: value } };
  return input.template.matches(value) ? { arn: value } : undefined;
}
