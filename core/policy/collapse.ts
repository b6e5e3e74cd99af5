import { compareStrings } from './select-usage.js';
import type { DraftNote } from './types.js';

/** Result of collapsing one statement's resources. */
export interface CollapseResult {
  /** Sorted unique resources after collapsing. */
  readonly resources: readonly string[];
  readonly notes: readonly DraftNote[];
}

/** Object-like ARNs split into a container (bucket, parameter namespace) and a `/`-separated path. */
const S3_OBJECT = /^(arn:[^:]+:s3:::[^/]+)\/(.*)$/s;
const SSM_PARAMETER = /^(arn:[^:]+:ssm:[^:]*:[^:]*:parameter)\/(.*)$/s;

/**
 * Replaces more than `threshold` S3 object ARNs of one bucket (or SSM parameter ARNs of one account and region)
 * by one prefix wildcard; `threshold` 0 disables. See `DraftOptions.collapseObjectsAbove`.
 */
export function collapseResources(
  resources: readonly string[],
  threshold: number,
  firstAction: string,
): CollapseResult {
  if (threshold <= 0) return { resources, notes: [] };
  const groups = new Map<string, string[]>();
  for (const arn of resources) {
    const match = S3_OBJECT.exec(arn) ?? SSM_PARAMETER.exec(arn);
    if (!match) continue;
    const [, container = '', path = ''] = match;
    const paths = groups.get(container);
    if (paths) paths.push(path);
    else groups.set(container, [path]);
  }
  const replaced = new Map<string, string>();
  const notes: DraftNote[] = [];
  for (const [container, paths] of [...groups].sort((a, b) => compareStrings(a[0], b[0]))) {
    if (paths.length <= threshold) continue;
    const wildcard = `${container}/${folderPrefix(paths)}*`;
    for (const path of paths) replaced.set(`${container}/${path}`, wildcard);
    const detail = `${paths.length} ARNs under ${container} (more than ${threshold}) collapsed to ${wildcard}`;
    notes.push({ kind: 'collapsed', action: firstAction, detail });
  }
  if (replaced.size === 0) return { resources, notes };
  const out = new Set(resources.map((arn) => replaced.get(arn) ?? arn));
  return { resources: [...out].sort(compareStrings), notes };
}

/** Longest common prefix of the paths, cut back to its last `/` so the wildcard stays on a folder boundary. */
function folderPrefix(paths: readonly string[]): string {
  const sorted = [...paths].sort(compareStrings);
  const first = sorted[0] ?? '';
  const last = sorted[sorted.length - 1] ?? '';
  let n = 0;
  while (n < first.length && n < last.length && first[n] === last[n]) n++;
  return n === 0 ? '' : first.slice(0, first.lastIndexOf('/', n - 1) + 1);
}
