import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap use below which the guard never collects. */
const FLOOR = 128 * 1024 * 1024;

/**
 * Bounds the garbage an analysis leaves behind. Each CloudTrail file becomes one large string, which V8 places in
 * old space; with a sizeable live set (the aggregates) V8 lets hundreds of megabytes of such dead strings pile up
 * before collecting. A full collection costs a few milliseconds here, so the guard runs one whenever heap use
 * exceeds twice what was live after the last one (and at least 128 MB). Unlike `--max-old-space-size` it never
 * fails an analysis whose live set is genuinely large.
 */
export class HeapGuard {
  private readonly collect: (() => void) | undefined;
  private threshold = FLOOR;

  constructor() {
    this.collect = exposedGc();
  }

  /** Collects garbage if heap use has grown past the threshold; call between files. */
  check(): void {
    if (!this.collect || getHeapStatistics().used_heap_size < this.threshold) return;
    this.collect();
    this.threshold = Math.max(FLOOR, 2 * getHeapStatistics().used_heap_size);
  }
}

/** V8's `gc()` (options: `{ type: 'minor' }` for a scavenge only), or undefined where it cannot be exposed. */
export function exposedGc(): ((options?: { type: 'minor' | 'major' }) => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
  } catch {
    return undefined;
  }
}
