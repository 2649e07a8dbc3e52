/**
 * Runs autocannon in its own process (so the load generator never shares an event loop with the
 * server it measures) and prints its summary as JSON. Input: one JSON argument.
 */
import autocannon from 'autocannon';

interface WorkerInput {
  url: string;
  token?: string;
  connections: number;
  durationSec: number;
  /** Distinct request bodies are generated from this many customers. */
  customers: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as WorkerInput;
let n = 0;
const body = () =>
  JSON.stringify({
    subject: `Order ${n} arrived damaged`,
    body: `The parcel for order ${n} was crushed in transit; two of the three items are broken. Please advise on a replacement.`,
    channel: n % 3 ? 'email' : 'chat',
    priority: ['low', 'medium', 'high', 'critical'][n % 4],
    tags: ['shipping', n % 2 ? 'damage' : 'returns'],
    customer: {
      email: `customer${n % input.customers}@bench.test`,
      name: `Bench Customer ${n % input.customers}`,
    },
  });

const result = await autocannon({
  url: input.url,
  method: 'POST',
  connections: input.connections,
  duration: input.durationSec,
  headers: {
    'content-type': 'application/json',
    ...(input.token ? { authorization: `Bearer ${input.token}` } : {}),
  },
  requests: [
    {
      setupRequest: (request) => {
        n++;
        return { ...request, body: body() };
      },
    },
  ],
});

process.stdout.write(
  `${JSON.stringify({
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    non2xx: result.non2xx,
  })}\n`,
);
