import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bisect,
  countExpired,
  decideNextStep,
  type InvocationOutcome,
  interpretResponse,
  isExhausted,
  type NextStep,
  type RetryPolicy,
  type Segment,
} from './retry-policy.js';

const SUCCESS: InvocationOutcome = { kind: 'success' };
const ERROR: InvocationOutcome = { kind: 'function-error' };
const partial = (failedIndex: number): InvocationOutcome => ({ kind: 'partial-failure', failedIndex });
const policy = (retryAttempts: number, bisectBatchOnFunctionError = false): RetryPolicy => ({
  retryAttempts,
  bisectBatchOnFunctionError,
});
const segment = (start: number, end: number, retries = 0): Segment => ({ start, end, retries });

describe('decideNextStep', () => {
  it('checkpoints through the last record after a success', () => {
    expect(decideNextStep(segment(3, 8, 2), SUCCESS, policy(1))).toEqual({
      doneThrough: 7,
      discarded: undefined,
      next: [],
      retry: undefined,
    });
  });

  it('re-sends the same records after a function error, counting a retry', () => {
    expect(decideNextStep(segment(0, 4, 1), ERROR, policy(3))).toEqual({
      doneThrough: undefined,
      discarded: undefined,
      next: [segment(0, 4, 2)],
      retry: 2,
    });
  });

  it('gives up once a re-send would exceed retryAttempts, and checkpoints past the records', () => {
    expect(decideNextStep(segment(2, 6, 3), ERROR, policy(3))).toEqual({
      doneThrough: 5,
      discarded: { start: 2, end: 6, reason: 'RetryAttemptsExhausted' },
      next: [],
      retry: undefined,
    });
  });

  it('never re-sends with retryAttempts 0', () => {
    expect(decideNextStep(segment(0, 1), ERROR, policy(0)).discarded).toEqual({
      start: 0,
      end: 1,
      reason: 'RetryAttemptsExhausted',
    });
  });

  it('retries forever with retryAttempts -1', () => {
    const step = decideNextStep(segment(0, 2, 1_000_000), ERROR, policy(-1));
    expect(step.next).toEqual([segment(0, 2, 1_000_001)]);
    expect(step.discarded).toBeUndefined();
  });

  it('bisects a failing batch into two halves that start at 0 retries (splitting is not a retry)', () => {
    expect(decideNextStep(segment(10, 15, 4), ERROR, policy(0, true))).toEqual({
      doneThrough: undefined,
      discarded: undefined,
      next: [segment(10, 13), segment(13, 15)],
      retry: undefined,
    });
  });

  it('treats a failing single record with bisect on like any retry', () => {
    expect(decideNextStep(segment(4, 5, 0), ERROR, policy(1, true)).next).toEqual([segment(4, 5, 1)]);
    expect(decideNextStep(segment(4, 5, 1), ERROR, policy(1, true)).discarded?.reason).toBe(
      'RetryAttemptsExhausted',
    );
  });

  it('after a partial failure, checkpoints before the lowest failed record and re-sends from it', () => {
    expect(decideNextStep(segment(0, 10, 0), partial(4), policy(2))).toEqual({
      doneThrough: 3,
      discarded: undefined,
      next: [segment(4, 10, 1)],
      retry: 1,
    });
  });

  it('counts a partial failure on the first record as a re-send of the same records', () => {
    expect(decideNextStep(segment(4, 10, 1), partial(4), policy(2)).next).toEqual([segment(4, 10, 2)]);
    expect(decideNextStep(segment(4, 10, 2), partial(4), policy(2)).discarded).toEqual({
      start: 4,
      end: 10,
      reason: 'RetryAttemptsExhausted',
    });
  });

  it('restarts the count when a partial failure moved the checkpoint (a smaller batch is a new batch)', () => {
    expect(decideNextStep(segment(4, 10, 2), partial(6), policy(2)).next).toEqual([segment(6, 10, 1)]);
  });

  it('discards the replayed remainder at once with retryAttempts 0, keeping the successes before it', () => {
    expect(decideNextStep(segment(0, 10), partial(7), policy(0))).toEqual({
      doneThrough: 9,
      discarded: { start: 7, end: 10, reason: 'RetryAttemptsExhausted' },
      next: [],
      retry: undefined,
    });
  });

  it('splits at the reported record, not in halves, when bisect and partial responses are both on', () => {
    expect(decideNextStep(segment(0, 10), partial(7), policy(5, true)).next).toEqual([segment(7, 10, 1)]);
  });

  it('refuses a failed index outside the segment (a bug in the caller)', () => {
    expect(() => decideNextStep(segment(2, 4), partial(4), policy(1))).toThrow(RangeError);
  });
});

describe('bisect and isExhausted', () => {
  it('gives the first half the extra record', () => {
    expect(bisect(segment(0, 2))).toEqual([segment(0, 1), segment(1, 2)]);
    expect(bisect(segment(0, 3))).toEqual([segment(0, 2), segment(2, 3)]);
  });

  it('counts a retry as exhausted only past retryAttempts, never with -1', () => {
    expect([isExhausted(2, 2), isExhausted(3, 2), isExhausted(1, 0), isExhausted(99, -1)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});

describe('countExpired', () => {
  it('counts the leading records older than the maximum age', () => {
    const now = 1_000_000;
    const arrivals = [now - 90_000, now - 61_000, now - 59_000, now - 1_000];
    expect(countExpired(arrivals, now, 60)).toBe(2);
    expect(countExpired(arrivals, now, 100)).toBe(0);
    expect(countExpired(arrivals, now, -1)).toBe(0);
  });

  it('keeps the expired records a prefix even if arrival stamps wobble', () => {
    expect(countExpired([50_000, 10_000, 60_000], 100_000, 60)).toBe(2);
  });
});

describe('interpretResponse', () => {
  const seqs = ['100', '200', '300'];

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['an empty object', {}],
    ['a null list', { batchItemFailures: null }],
    ['an empty list', { batchItemFailures: [] }],
  ])('takes %s as complete success', (_name, response) => {
    expect(interpretResponse(response, seqs, true)).toEqual({ kind: 'success' });
  });

  it('picks the lowest failed record by position, whatever the order of the list', () => {
    const response = { batchItemFailures: [{ itemIdentifier: '300' }, { itemIdentifier: '200' }] };
    expect(interpretResponse(response, seqs, true)).toEqual({ kind: 'partial-failure', failedOffset: 1 });
  });

  it.each([
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a bad key name', { batchItemFailures: [{ itemIdentifer: '200' }] }],
    ['a sequence number not in the batch', { batchItemFailures: [{ itemIdentifier: '999' }] }],
    ['a number identifier', { batchItemFailures: [{ itemIdentifier: 200 }] }],
    ['one bad item among good ones', { batchItemFailures: [{ itemIdentifier: '200' }, {}] }],
    ['a list that is not a list', { batchItemFailures: { itemIdentifier: '200' } }],
    ['a string response', 'failed'],
    ['an array response', [{ itemIdentifier: '200' }]],
  ])('takes %s as complete failure', (_name, response) => {
    expect(interpretResponse(response, seqs, true).kind).toBe('function-error');
  });

  it('ignores the response when ReportBatchItemFailures is off', () => {
    expect(interpretResponse({ batchItemFailures: [{ itemIdentifier: '100' }] }, seqs, false)).toEqual({
      kind: 'success',
    });
  });
});

/** What a simulated run of one batch did. */
interface Trace {
  invocations: Segment[];
  succeeded: number[];
  discarded: { start: number; end: number }[];
  checkpoints: number[];
}

/**
 * Runs a batch of `size` records through the policy, as the batch runner does, with poisoned records failing.
 */
function simulate(
  size: number,
  poison: ReadonlySet<number>,
  rules: RetryPolicy,
  partialResponses: boolean,
): Trace {
  const trace: Trace = { invocations: [], succeeded: [], discarded: [], checkpoints: [] };
  let queue: Segment[] = [segment(0, size)];
  while (queue.length > 0) {
    if (trace.invocations.length > 10_000) throw new Error('no progress');
    const [current, ...rest] = queue as [Segment, ...Segment[]];
    trace.invocations.push(current);
    const firstPoison = range(current.start, current.end).find((index) => poison.has(index));
    const outcome = firstPoison === undefined ? SUCCESS : partialResponses ? partial(firstPoison) : ERROR;
    const step: NextStep = decideNextStep(current, outcome, rules);
    const succeededUpTo =
      outcome.kind === 'success' ? current.end : outcome.kind === 'partial-failure' ? firstPoison : 0;
    if (succeededUpTo !== undefined) trace.succeeded.push(...range(current.start, succeededUpTo));
    if (step.discarded !== undefined)
      trace.discarded.push({ start: step.discarded.start, end: step.discarded.end });
    if (step.doneThrough !== undefined) trace.checkpoints.push(step.doneThrough);
    queue = [...step.next, ...rest];
  }
  return trace;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, offset) => start + offset);
}

const batchArbitrary = fc.integer({ min: 1, max: 64 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    poison: fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { maxLength: 4 }),
    retryAttempts: fc.integer({ min: 0, max: 4 }),
  }),
);

describe('the policy over a whole batch (simulated)', () => {
  it('with bisect on, isolates exactly the poisoned records and processes every other record once', () => {
    fc.assert(
      fc.property(batchArbitrary, ({ size, poison, retryAttempts }) => {
        const trace = simulate(size, new Set(poison), policy(retryAttempts, true), false);

        expect(trace.discarded).toEqual(
          [...poison].sort((a, b) => a - b).map((i) => ({ start: i, end: i + 1 })),
        );
        expect([...trace.succeeded].sort((a, b) => a - b)).toEqual(
          range(0, size).filter((i) => !poison.includes(i)),
        );
        expect(trace.checkpoints).toEqual([...trace.checkpoints].sort((a, b) => a - b));
        expect(trace.checkpoints.at(-1)).toBe(size - 1);
      }),
    );
  });

  it('with bisect off, discards whole batches that hold a poisoned record, after retryAttempts re-sends', () => {
    fc.assert(
      fc.property(batchArbitrary, ({ size, poison, retryAttempts }) => {
        const trace = simulate(size, new Set(poison), policy(retryAttempts), false);

        const expected = poison.length === 0 ? [] : [{ start: 0, end: size }];
        expect(trace.discarded).toEqual(expected);
        expect(trace.invocations).toHaveLength(poison.length === 0 ? 1 : retryAttempts + 1);
      }),
    );
  });

  it('with partial responses, never re-sends a record before the lowest failure and gives up from a failure on', () => {
    fc.assert(
      fc.property(batchArbitrary, ({ size, poison, retryAttempts }) => {
        const trace = simulate(size, new Set(poison), policy(retryAttempts), true);

        const lowest = Math.min(...poison, size);
        expect(trace.discarded.length).toBe(poison.length === 0 ? 0 : 1);
        expect(trace.discarded[0]?.start ?? size).toBe(lowest);
        expect(new Set(trace.succeeded).size).toBe(trace.succeeded.length);
        expect(trace.succeeded).toEqual(range(0, lowest));
        expect(trace.checkpoints.at(-1)).toBe(size - 1);
      }),
    );
  });

  it('never sends the same records more than retryAttempts + 1 times in a row', () => {
    fc.assert(
      fc.property(
        batchArbitrary,
        fc.boolean(),
        fc.boolean(),
        ({ size, poison, retryAttempts }, split, partials) => {
          const trace = simulate(size, new Set(poison), policy(retryAttempts, split), partials);

          let run = 0;
          trace.invocations.forEach((current, index) => {
            const previous = trace.invocations[index - 1];
            run = previous?.start === current.start && previous.end === current.end ? run + 1 : 1;
            expect(run).toBeLessThanOrEqual(retryAttempts + 1);
          });
        },
      ),
    );
  });

  it('isolates one poisoned record among 16 in 4 halvings, then retries it alone retryAttempts times', () => {
    const trace = simulate(16, new Set([5]), policy(2, true), false);

    expect(trace.invocations.map(({ start, end }) => `${start}-${end}`)).toEqual([
      '0-16',
      '0-8',
      '0-4',
      '4-8',
      '4-6',
      '4-5',
      '5-6',
      '5-6',
      '5-6',
      '6-8',
      '8-16',
    ]);
    expect(trace.discarded).toEqual([{ start: 5, end: 6 }]);
  });
});
