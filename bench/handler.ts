/**
 * Handler CPU excluding I/O on its own, without the emulators or the producer (see `handler-cpu.ts`):
 *
 *   npm run bench:handler -- [--events 294546] [--batch-size 2832] [--rounds 3]
 *
 * Uses the first files of the 1M workload (`npm run bench -- --events 1000000 --rounds 1` generates it), the same
 * records the streaming benchmark replays. Prints the median of the rounds in ms per 1,000 events.
 */
import { parseArgs } from 'node:util';
import { measureHandlerCpu } from './handler-cpu.js';
import { workloadFiles } from './workload.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '294546' },
    'batch-size': { type: 'string', default: '2832' },
    rounds: { type: 'string', default: '3' },
  },
});
const events = Number(values.events);
const files = workloadFiles().slice(0, Math.ceil(events / 1000));
const results: number[] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  results.push(await measureHandlerCpu(files, events, Number(values['batch-size'])));
  process.stderr.write(`round ${round + 1}: ${results.at(-1)?.toFixed(1)} ms per 1,000 events\n`);
}
const median = [...results].sort((a, b) => a - b)[Math.floor(results.length / 2)] ?? Number.NaN;
process.stdout.write(
  `${JSON.stringify({ events, batchSize: Number(values['batch-size']), msPer1000: Number(median.toFixed(1)), rounds: results })}\n`,
);
