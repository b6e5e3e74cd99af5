/**
 * Load generator of the API benchmark, run as its own process so it does not share an event loop with the API:
 * `concurrency` clients on keep-alive connections, each sending its next request when the previous answer has
 * been read, for `seconds`. Prints one JSON line: requests, errors, status counts and latencies (ms).
 */
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    paths: { type: 'string' },
    concurrency: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
  },
});
const base = new URL(values.url ?? '');
const paths = (values.paths ?? '/stats').split('\n').filter((p) => p !== '');
const agent = new Agent({ keepAlive: true, maxSockets: Number(values.concurrency) });
const latencies: number[] = [];
const statuses: Record<string, number> = {};
let errors = 0;

function once(path: string): Promise<void> {
  const began = performance.now();
  return new Promise((done) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        path,
        agent,
        headers: { authorization: `Bearer ${values.token}` },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - began);
          statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
          done();
        });
      },
    );
    req.on('error', () => {
      errors++;
      done();
    });
    req.end();
  });
}

const until = performance.now() + Number(values.seconds) * 1000;
let next = 0;
await Promise.all(
  Array.from({ length: Number(values.concurrency) }, async () => {
    while (performance.now() < until) await once(paths[next++ % paths.length] as string);
  }),
);
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
process.stdout.write(
  `${JSON.stringify({
    requests: latencies.length,
    errors,
    statuses,
    perSecond: latencies.length / Number(values.seconds),
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: latencies[latencies.length - 1] ?? 0,
  })}\n`,
);
agent.destroy();
