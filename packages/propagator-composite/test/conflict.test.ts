/**
 * REQUIREMENTS §7: "a conflict hook called when two members extract different trace ids from one
 * carrier (the 'trace breaks at the boundary' bug made visible)". Issue 6: "plus a diag warning
 * rate-limited so a bad fleet cannot flood logs".
 */
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { diag, ROOT_CONTEXT, trace, type DiagLogger } from '@opentelemetry/api';
import { W3CTraceContextPropagator as CoreTraceContext } from '@opentelemetry/core';
import { B3Propagator as OfficialB3 } from '@opentelemetry/propagator-b3';
import { JaegerPropagator as OfficialJaeger } from '@opentelemetry/propagator-jaeger';
import { CompositePropagator, type ConflictInfo } from '@baton/propagator-composite';
import { FixedPropagator, getter, remote, S1, S2, S3, T1, T2, T3, traceparent } from './support';

function captureWarnings(): jest.Mock {
  const warn = jest.fn();
  const logger = { warn, error: jest.fn(), info: jest.fn(), debug: jest.fn(), verbose: jest.fn() };
  diag.setLogger(logger as unknown as DiagLogger, { suppressOverrideMessage: true });
  return warn;
}

afterEach(() => {
  diag.disable();
  jest.useRealTimers();
});

/** Sends one request with `headers` to a real server that extracts with `composite`. */
async function serve(
  composite: CompositePropagator,
  headers: OutgoingHttpHeaders,
): Promise<string | undefined> {
  const server = createServer((req, res) => {
    const ctx = composite.extract(ROOT_CONTEXT, req.headers as IncomingHttpHeaders, getter);
    res.end(trace.getSpanContext(ctx)?.traceId ?? 'none');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('the conflict hook, over real HTTP with mismatched headers', () => {
  test('W3C says trace 1, B3 says trace 2: hook called with both formats and trace ids', async () => {
    captureWarnings();
    const seen: ConflictInfo[] = [];
    const composite = new CompositePropagator({
      propagators: [new CoreTraceContext(), new OfficialB3()],
      onConflict: (info) => seen.push(info),
    });
    // Upper-case names on the wire: node lowercases them, as any HTTP/1.1 server may.
    const body = await serve(composite, { Traceparent: traceparent(T1, S1), B3: `${T2}-${S2}-1` });
    expect(body).toBe(T2); // last valid wins, as core
    expect(seen).toEqual([
      {
        extractions: [
          { propagator: 'W3CTraceContextPropagator', traceId: T1, spanId: S1 },
          { propagator: 'B3Propagator', traceId: T2, spanId: S2 },
        ],
        chosen: { propagator: 'B3Propagator', traceId: T2, spanId: S2 },
        precedence: 'last',
      },
    ]);
  });

  test('three formats, two traces, precedence first: the chosen one is the first', async () => {
    captureWarnings();
    const seen: ConflictInfo[] = [];
    const composite = new CompositePropagator({
      propagators: [new OfficialJaeger(), new CoreTraceContext(), new OfficialB3()],
      precedence: 'first',
      onConflict: (info) => seen.push(info),
    });
    const body = await serve(composite, {
      'uber-trace-id': `${T3}:${S3}:0:1`,
      traceparent: traceparent(T3, S3),
      'x-b3-traceid': T1,
      'x-b3-spanid': S1,
      'x-b3-sampled': '1',
    });
    expect(body).toBe(T3);
    expect(seen).toHaveLength(1);
    expect(seen[0].extractions.map((e) => e.traceId)).toEqual([T3, T3, T1]);
    expect(seen[0].chosen).toEqual({ propagator: 'JaegerPropagator', traceId: T3, spanId: S3 });
  });

  test('the same trace in every format is not a conflict', async () => {
    const warn = captureWarnings();
    const onConflict = jest.fn();
    const composite = new CompositePropagator({
      propagators: [new OfficialJaeger(), new CoreTraceContext(), new OfficialB3()],
      onConflict,
    });
    const body = await serve(composite, {
      'uber-trace-id': `${T1}:${S1}:0:1`,
      traceparent: traceparent(T1, S1),
      b3: `${T1}-${S1}-1`,
    });
    expect(body).toBe(T1);
    expect(onConflict).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  test('same trace, different span ids: not a conflict (issue 6 defines it by trace id)', () => {
    const onConflict = jest.fn();
    new CompositePropagator({
      propagators: [
        new FixedPropagator('a', remote(T1, S1)),
        new FixedPropagator('b', remote(T1, S2)),
      ],
      onConflict,
    }).extract(ROOT_CONTEXT, {}, getter);
    expect(onConflict).not.toHaveBeenCalled();
  });

  test('a throwing hook does not break the request and is reported once', () => {
    const warn = captureWarnings();
    const composite = new CompositePropagator({
      propagators: [
        new FixedPropagator('a', remote(T1, S1)),
        new FixedPropagator('b', remote(T2, S2)),
      ],
      onConflict: () => {
        throw new Error('hook boom');
      },
      conflictWarningIntervalMs: Infinity,
    });
    for (let i = 0; i < 3; i++) {
      expect(trace.getSpanContext(composite.extract(ROOT_CONTEXT, {}, getter))?.traceId).toBe(T2);
    }
    const hookWarnings = warn.mock.calls.filter((c) => String(c[0]).includes('hook boom'));
    expect(hookWarnings).toHaveLength(1);
  });
});

describe('the diag warning is rate-limited per composite', () => {
  const conflicting = () => [
    new FixedPropagator('a', remote(T1, S1)),
    new FixedPropagator('b', remote(T2, S2)),
  ];

  test('at most one warning per interval; the next one counts the conflicts not logged', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const warn = captureWarnings();
    const onConflict = jest.fn();
    const composite = new CompositePropagator({
      propagators: conflicting(),
      onConflict,
      conflictWarningIntervalMs: 60_000,
    });
    for (let i = 0; i < 1000; i++) composite.extract(ROOT_CONTEXT, {}, getter);
    expect(onConflict).toHaveBeenCalledTimes(1000); // the hook sees every conflict
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain(`a trace ${T1}, b trace ${T2}`);
    expect(warn.mock.calls[0][0]).toContain(`continuing ${T2} from b`);

    jest.setSystemTime(1_000_000 + 59_999);
    composite.extract(ROOT_CONTEXT, {}, getter);
    expect(warn).toHaveBeenCalledTimes(1);

    jest.setSystemTime(1_000_000 + 60_000);
    composite.extract(ROOT_CONTEXT, {}, getter);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1][0]).toContain(
      '1000 more conflict(s) since the previous warning were not logged',
    );
  });

  test('Infinity: a single warning ever; 0: every conflict', () => {
    const warn = captureWarnings();
    const once = new CompositePropagator({
      propagators: conflicting(),
      conflictWarningIntervalMs: Infinity,
    });
    for (let i = 0; i < 10; i++) once.extract(ROOT_CONTEXT, {}, getter);
    expect(warn).toHaveBeenCalledTimes(1);
    const every = new CompositePropagator({
      propagators: conflicting(),
      conflictWarningIntervalMs: 0,
    });
    for (let i = 0; i < 10; i++) every.extract(ROOT_CONTEXT, {}, getter);
    expect(warn).toHaveBeenCalledTimes(11);
  });

  test('the default interval is 60 s', () => {
    jest.useFakeTimers({ now: 5_000_000 });
    const warn = captureWarnings();
    const composite = new CompositePropagator({ propagators: conflicting() });
    composite.extract(ROOT_CONTEXT, {}, getter);
    jest.setSystemTime(5_000_000 + 59_000);
    composite.extract(ROOT_CONTEXT, {}, getter);
    expect(warn).toHaveBeenCalledTimes(1);
    jest.setSystemTime(5_000_000 + 60_000);
    composite.extract(ROOT_CONTEXT, {}, getter);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

// Issue 14: the diagnostics' conflict printer must cost at most +5%. A hook that promises, under
// Symbol.for('@baton/propagator-composite onConflict idle'), that it would do nothing is not called,
// and no ConflictInfo is built for a conflict nobody needs.
describe('a hook that declares itself idle', () => {
  const IDLE = Symbol.for('@baton/propagator-composite onConflict idle');
  const conflicting = () => [
    new FixedPropagator('a', remote(T1, S1)),
    new FixedPropagator('b', remote(T2, S2)),
  ];

  test('idle: not called; busy or broken promise: called with the info', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const warn = captureWarnings();
    let idle: unknown = true;
    const hook = jest.fn();
    Object.assign(hook, {
      [IDLE]: () => {
        if (idle === 'throw') throw new Error('boom');
        return idle;
      },
    });
    const composite = new CompositePropagator({
      propagators: conflicting(),
      onConflict: hook,
      conflictWarningIntervalMs: 60_000,
    });
    for (let i = 0; i < 10; i++) composite.extract(ROOT_CONTEXT, {}, getter);
    expect(hook).not.toHaveBeenCalled();
    // The warning is still due once, and counts what it did not log.
    expect(warn).toHaveBeenCalledTimes(1);
    idle = false;
    composite.extract(ROOT_CONTEXT, {}, getter);
    idle = 'throw';
    composite.extract(ROOT_CONTEXT, {}, getter);
    expect(hook).toHaveBeenCalledTimes(2);
    expect((hook.mock.calls[0][0] as ConflictInfo).chosen.traceId).toBe(T2);
    jest.setSystemTime(1_000_000 + 60_000);
    idle = true;
    composite.extract(ROOT_CONTEXT, {}, getter);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1][0]).toContain('11 more conflict(s)');
    expect(hook).toHaveBeenCalledTimes(2);
  });
});
