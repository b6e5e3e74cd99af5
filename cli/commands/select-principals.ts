import type { AnalysisDocument, PrincipalRow } from '../../core/analysis/document.js';
import { CliError } from '../errors.js';

/** How the user chose principals on the command line. */
export interface PrincipalChoice {
  /** Full ARN, or a unique trailing name (`app-role`, `role/app-role`). */
  readonly query?: string | undefined;
  readonly all?: boolean;
  /** Also consider service-linked roles and AWS services, which are not drafted by default. */
  readonly includeServiceRoles: boolean;
}

/** Most principals listed in an "ambiguous" error before summarising the rest. */
const MAX_LISTED = 50;

/** Picks the principals to draft for, or explains on one line why it cannot. */
export function selectPrincipals(doc: AnalysisDocument, choice: PrincipalChoice): PrincipalRow[] {
  if (choice.query !== undefined) return [findPrincipal(doc, choice.query)];
  const candidates = doc.principals.filter(
    (p) => (choice.includeServiceRoles || p.draftable) && p.success > 0,
  );
  if (choice.all) return candidates;
  if (candidates.length === 1) return candidates;
  if (candidates.length === 0) {
    throw new CliError('UNKNOWN_PRINCIPAL', 'no draftable principal with successful calls in the analysis');
  }
  throw new CliError(
    'AMBIGUOUS_PRINCIPAL',
    `${candidates.length} draftable principals: choose one with --principal ARN (or use --all)`,
    { details: listed(candidates) },
  );
}

function findPrincipal(doc: AnalysisDocument, query: string): PrincipalRow {
  const exact = doc.principals.find((p) => p.arn === query);
  if (exact) return exact;
  const suffix = query.startsWith('arn:') ? undefined : query;
  const matches = suffix
    ? doc.principals.filter((p) => p.arn.endsWith(`/${suffix}`) || p.arn.endsWith(`:${suffix}`))
    : [];
  if (matches.length === 1) return matches[0] as PrincipalRow;
  if (matches.length > 1) {
    throw new CliError('AMBIGUOUS_PRINCIPAL', `--principal ${query} matches ${matches.length} principals`, {
      details: listed(matches),
    });
  }
  throw new CliError(
    'UNKNOWN_PRINCIPAL',
    `--principal: no principal ${query.slice(0, 256)} in the analysis (${doc.principals.length} principals; run without --principal to list them)`,
  );
}

function listed(principals: readonly PrincipalRow[]): string[] {
  const lines = principals
    .slice(0, MAX_LISTED)
    .map((p) => `${p.arn}  (${p.kind}, ${p.success} allowed, ${p.denied} denied calls)`);
  if (principals.length > MAX_LISTED) lines.push(`… and ${principals.length - MAX_LISTED} more`);
  return lines;
}
