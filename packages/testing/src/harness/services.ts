/**
 * startServices: N in-process services, each with its own propagator configuration, over real
 * node:http on 127.0.0.1 with the real SDK; `request(route)` sends one request through them and
 * returns what every hop saw and every span, with the checks of checks.ts and the waterfall.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import { problemsOf, type Expectation } from './checks';
import {
  httpGet,
  ROUTE_HEADER,
  SEED_HEADER,
  startService,
  type Hop,
  type Service,
  type ServiceConfig,
} from './service';
import { toHarnessSpan, type HarnessSpan } from './spans';
import { renderWaterfall } from './waterfall';

export interface RequestOptions {
  /** Headers the outside caller sends to the first service (a baggage header, a custom header...). */
  headers?: Record<string, string>;
  /** Baggage the first service starts with, whatever its propagators read. */
  baggage?: Record<string, string>;
}

export interface PropagationResult {
  route: string[];
  /** What each service saw on arrival, in route order. */
  hops: Hop[];
  /** Every span of every service for this request. */
  spans: HarnessSpan[];
  /** What is wrong (empty when the request propagated as expected). */
  problems(expect?: Expectation): string[];
  /** Throws an Error listing the problems, followed by the waterfall. */
  assertPropagated(expect?: Expectation): void;
  waterfall(): string;
}

export interface Services {
  services: Map<string, Service>;
  /** Sends one request along `route` (`['a', 'b', 'c']`: the test calls a, a calls b, b calls c). */
  request(route: string[], options?: RequestOptions): Promise<PropagationResult>;
  close(): Promise<void>;
}

function validate(configs: ServiceConfig[]): void {
  if (!Array.isArray(configs) || configs.length === 0) {
    throw new TypeError(
      "@baton/testing: startServices takes a list: [{ name: 'a', propagators: 'tracecontext' }, ...]",
    );
  }
  const names = new Set<string>();
  for (const c of configs) {
    if (!c || typeof c.name !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/i.test(c.name)) {
      throw new TypeError(
        `@baton/testing: a service needs a name of letters, digits, . _ - (got ${JSON.stringify(c?.name)})`,
      );
    }
    if (names.has(c.name))
      throw new TypeError(
        `@baton/testing: two services are named "${c.name}"; names must be unique`,
      );
    names.add(c.name);
  }
}

export async function startServices(configs: ServiceConfig[]): Promise<Services> {
  validate(configs);
  const services = new Map<string, Service>();
  try {
    for (const c of configs) services.set(c.name, await startService(c, services));
  } catch (err) {
    await Promise.all([...services.values()].map((s) => s.close()));
    throw err;
  }
  const propagators = new Map<string, TextMapPropagator>(
    [...services].map(([n, s]) => [n, s.propagator]),
  );
  let queue: Promise<unknown> = Promise.resolve();

  async function send(route: string[], options: RequestOptions): Promise<PropagationResult> {
    for (const name of route) {
      if (!services.has(name))
        throw new TypeError(
          `@baton/testing: no service named "${name}" (started: ${[...services.keys()].join(', ')})`,
        );
    }
    for (const s of services.values()) s.tracing.reset();
    const [first, ...rest] = route;
    const headers: Record<string, string> = { ...options.headers, [ROUTE_HEADER]: rest.join(',') };
    if (options.baggage) headers[SEED_HEADER] = encodeURIComponent(JSON.stringify(options.baggage));
    const reply = await httpGet(`http://127.0.0.1:${services.get(first)?.port}/${first}`, headers);
    const hops = (JSON.parse(reply.body) as { hops: Hop[] }).hops;
    const spans = [...services.values()].flatMap((s) =>
      s.tracing.finished().map((f) => toHarnessSpan(s.name, f)),
    );
    const result: PropagationResult = {
      route,
      hops,
      spans,
      problems: (expect) => problemsOf({ route, hops, spans, propagators }, expect),
      waterfall: () => renderWaterfall(spans, services),
      assertPropagated(expect) {
        const problems = result.problems(expect);
        if (problems.length) {
          throw new Error(
            `propagation along ${route.join(' → ')} broke:\n${problems.map((p) => `  - ${p}`).join('\n')}\n\n${result.waterfall()}`,
          );
        }
      },
    };
    return result;
  }

  return {
    services,
    // One request at a time: spans are told apart by resetting the exporters before each.
    request(route, options = {}) {
      const next = queue.then(() => send(route, options));
      queue = next.catch(() => undefined);
      return next;
    },
    close: async () => {
      await Promise.all([...services.values()].map((s) => s.close()));
    },
  };
}
