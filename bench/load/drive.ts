// One load run against the punch API with autocannon: a number of kiosks (connections), for a while, closed
// loop (each kiosk sends its next punch when the last is answered) or at a fixed overall rate (open loop).
import { createRequire } from 'node:module';

interface AutocannonResult {
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number; average: number };
  statusCodeStats?: Record<string, { count: number }>;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: AutocannonResult) => void,
) => unknown;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface DriveOptions {
  url: string;
  kiosks: number;
  seconds: number;
  /** Punches per second over all kiosks; closed loop when absent. */
  rate?: number;
  tokens: readonly string[];
  body: () => object;
}

export interface DriveResult {
  seconds: number;
  ok: number;
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
  /** Answers other than 2xx by status code, and transport errors / time-outs. */
  failures: string;
}

export function drive(o: DriveOptions): Promise<DriveResult> {
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: o.url,
        connections: o.kiosks,
        duration: o.seconds,
        timeout: 30,
        ...(o.rate ? { overallRate: o.rate } : {}),
        requests: [
          {
            method: 'POST',
            path: '/api/kiosk/punches',
            setupRequest: (req: AutocannonRequest) => ({
              ...req,
              headers: {
                'content-type': 'application/json',
                'x-device-token': o.tokens[n++ % o.tokens.length],
              },
              body: JSON.stringify(o.body()),
            }),
          },
        ],
      },
      (error, r) => {
        if (error) return reject(error);
        resolve({
          seconds: r.duration,
          ok: r['2xx'],
          perSecond: r['2xx'] / r.duration,
          p50: r.latency.p50,
          p99: r.latency.p99,
          failed: r.non2xx + r.errors + r.timeouts,
          failures: [
            ...Object.entries(r.statusCodeStats ?? {})
              .filter(([code]) => !code.startsWith('2'))
              .map(([code, v]) => `${code}×${v.count}`),
            ...(r.errors ? [`errors×${r.errors}`] : []),
            ...(r.timeouts ? [`timeouts×${r.timeouts}`] : []),
          ].join(' '),
        });
      },
    );
  });
}
