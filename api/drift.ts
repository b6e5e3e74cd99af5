import { computeDrift, type DriftReport } from '../core/drift/index.js';
import type { GrantedPermissions } from '../core/granted/index.js';
import type { StoredSummary } from '../stream/store/index.js';
import type { DriftResponse } from './contract.js';
import { LruCache } from './read-model/cache.js';
import { type DailyUsage, fingerprintOf } from './read-model/ports.js';
import type { DriftScores } from './views/principals.js';
import { iso } from './views/time.js';
import { usageWithin } from './views/usage.js';

/** Where granted permissions come from (a snapshot file or IAM; see api/granted). */
export interface GrantedLookup {
  grantedFor(principalArn: string): Promise<GrantedPermissions | undefined>;
}

/** Granted-versus-used drift for the API: reports and scores, cached until the usage or the grants change. */
export interface DriftEngine {
  /** The drift report of a principal. */
  report(summary: StoredSummary, usageOf: () => Promise<DailyUsage>): Promise<DriftResponse>;
  /** The granted permissions of a principal, when known (only roles and users have identity policies). */
  grantsOf(summary: StoredSummary): Promise<GrantedPermissions | undefined>;
  /** Drift scores of principals (null where no granted permissions are known). */
  scores(
    summaries: readonly StoredSummary[],
    usageOf: (summary: StoredSummary) => Promise<DailyUsage>,
  ): Promise<DriftScores>;
}

/** Principals whose grants are looked up at once while scoring a list. */
const SCORE_CONCURRENCY = 8;

/** Only IAM roles and users have identity policies to compare with. */
const HAS_POLICIES = new Set(['role', 'user']);

/** {@link DriftEngine} over a {@link GrantedLookup} and core's computeDrift. */
export class GrantedDriftEngine implements DriftEngine {
  private readonly cache = new LruCache<
    string,
    { readonly key: string; readonly report: Promise<DriftReport> }
  >(512);

  constructor(private readonly granted: GrantedLookup | undefined) {}

  async report(summary: StoredSummary, usageOf: () => Promise<DailyUsage>): Promise<DriftResponse> {
    return toResponse(await this.reportOf(summary, usageOf));
  }

  async scores(
    summaries: readonly StoredSummary[],
    usageOf: (summary: StoredSummary) => Promise<DailyUsage>,
  ): Promise<DriftScores> {
    const scores = new Map<string, number | null>();
    for (let i = 0; i < summaries.length; i += SCORE_CONCURRENCY) {
      await Promise.all(
        summaries.slice(i, i + SCORE_CONCURRENCY).map(async (summary) => {
          const grants = await this.grantsOf(summary);
          scores.set(
            summary.arn,
            grants === undefined
              ? null
              : (await this.reportOf(summary, () => usageOf(summary), grants)).score,
          );
        }),
      );
    }
    return scores;
  }

  async grantsOf(summary: StoredSummary): Promise<GrantedPermissions | undefined> {
    if (!this.granted || !HAS_POLICIES.has(summary.kind)) return undefined;
    return this.granted.grantedFor(summary.arn);
  }

  private async reportOf(
    summary: StoredSummary,
    usageOf: () => Promise<DailyUsage>,
    known?: GrantedPermissions,
  ): Promise<DriftReport> {
    const grants = known ?? (await this.grantsOf(summary));
    const key = `${fingerprintOf(summary)}|${grants?.source ?? 'none'}|${grants?.fetchedAt ?? 0}`;
    const cached = this.cache.get(summary.arn);
    if (cached && cached.key === key) return cached.report;
    const report = usageOf().then((days) => computeDrift(grants, usageWithin(days), summary.arn));
    this.cache.set(summary.arn, { key, report });
    report.catch(() => this.cache.delete(summary.arn));
    return report;
  }
}

function toResponse(report: DriftReport): DriftResponse {
  return {
    principal: report.principal,
    granted: {
      source: report.granted.source,
      fetchedAt: report.granted.fetchedAt === null ? null : iso(report.granted.fetchedAt),
      policies: report.granted.policies.map((p) => ({
        name: p.name,
        type: p.type,
        ...(p.arn === undefined ? {} : { arn: p.arn }),
      })),
      permissionsBoundary: report.granted.permissionsBoundary,
      caveats: [...report.granted.caveats],
    },
    score: report.score,
    counts: { ...report.counts },
    grantedUnused: report.grantedUnused.map((u) => ({ ...u })),
    usedNotGranted: report.usedNotGranted.map((u) => ({ ...u, lastSeen: iso(u.lastSeen) })),
    denied: report.denied.map((d) => ({ ...d, lastSeen: iso(d.lastSeen) })),
    lastUse: report.lastUse.map((u) => ({
      action: u.action,
      lastSeen: u.lastSeen === null ? null : iso(u.lastSeen),
    })),
  };
}
