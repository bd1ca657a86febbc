/**
 * Issue 14 "Diagnostics for a broken trace" and REQUIREMENTS §10: "A request that carries a known
 * propagation format which no configured member reads, and a header a member rejected, are reported
 * once per kind, rate-limited, with the fix."
 *
 * In-process, through the `onReport` hook, with OTEL_LOG_LEVEL=none in the resolver's env so nothing
 * is printed here (what is printed is tested over real processes in diagnostics-process.test.ts).
 */
import { ROOT_CONTEXT, defaultTextMapGetter, trace } from '@opentelemetry/api';
import type { Context, TextMapGetter, TextMapPropagator } from '@opentelemetry/api';
import {
  EXPLAIN_REJECTION,
  describePropagator,
  propagatorFromEnv,
  registerPropagator,
} from '@baton/propagator-env';
import type { DiagnosticReport, RejectionExplainer } from '@baton/propagator-env';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';

function resolve(names: string, intervalMs = 60_000) {
  const reports: DiagnosticReport[] = [];
  const propagator = propagatorFromEnv(
    { OTEL_PROPAGATORS: names, OTEL_LOG_LEVEL: 'none' },
    { diagnostics: { onReport: (r) => void reports.push(r), intervalMs } },
  );
  const extract = (carrier: unknown, getter: TextMapGetter = defaultTextMapGetter): Context =>
    propagator.extract(ROOT_CONTEXT, carrier, getter);
  return { propagator, reports, extract };
}

describe('a format no configured propagator reads is reported, with the fix', () => {
  test.each<[string, string, Record<string, string>, string]>([
    // [configured, header, carrier, the OTEL_PROPAGATORS name that fixes it]
    [
      'tracecontext,baggage',
      'x-b3-traceid',
      { 'x-b3-traceid': TRACE, 'x-b3-spanid': SPAN },
      'b3multi',
    ],
    ['tracecontext', 'b3', { b3: `${TRACE}-${SPAN}-1` }, 'b3'],
    ['tracecontext', 'uber-trace-id', { 'uber-trace-id': `${TRACE}:${SPAN}:0:1` }, 'jaeger'],
    ['b3multi', 'traceparent', { traceparent: `00-${TRACE}-${SPAN}-01` }, 'tracecontext'],
    [
      'tracecontext',
      'x-amzn-trace-id',
      {
        'x-amzn-trace-id':
          'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
      },
      'xray',
    ],
    [
      'tracecontext',
      'ot-tracer-traceid',
      { 'ot-tracer-traceid': SPAN, 'ot-tracer-spanid': SPAN },
      'ottrace',
    ],
    ['tracecontext', 'x-cloud-trace-context', { 'x-cloud-trace-context': `${TRACE}/1;o=1` }, 'gcp'],
    ['tracecontext', 'baggage', { baggage: 'k=v' }, 'baggage'],
  ])('%s receiving %s → "add %s"', (names, header, carrier, fix) => {
    const { reports, extract } = resolve(names);
    extract(carrier);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ kind: 'unread-format', header, name: fix, suppressed: 0 });
    expect(reports[0].message).toContain(`Fix: add ${fix} to OTEL_PROPAGATORS.`);
  });

  test('the whole line', () => {
    const { reports, extract } = resolve('tracecontext,baggage');
    extract({ 'x-b3-traceid': TRACE, 'x-b3-spanid': SPAN, 'x-b3-sampled': '1' });
    expect(reports[0].message).toBe(
      '@baton/propagator-env: a request carried x-b3-traceid (B3 multi), which no configured ' +
        'propagator reads (OTEL_PROPAGATORS=tracecontext,baggage → Composite[W3CTraceContext, W3CBaggage]); ' +
        'its trace was not continued. Fix: add b3multi to OTEL_PROPAGATORS.',
    );
  });

  test('b3 single reads x-b3-* too: no report for b3 receiving multi headers', () => {
    const { reports, extract } = resolve('b3');
    const ctx = extract({ 'x-b3-traceid': TRACE, 'x-b3-spanid': SPAN });
    expect(trace.getSpanContext(ctx)?.traceId).toBe(TRACE);
    expect(reports).toEqual([]);
  });
});

describe('a header a member read and rejected is reported, with the rule and a truncated value', () => {
  test('uppercase uber-trace-id at a jaeger service (the official package accepts it)', () => {
    const { reports, extract } = resolve('jaeger');
    const value = `${TRACE.toUpperCase()}:${SPAN.toUpperCase()}:0:1`;
    extract({ 'uber-trace-id': value });
    expect(reports).toEqual([
      expect.objectContaining({
        kind: 'rejected-header',
        header: 'uber-trace-id',
        rejectedBy: 'Jaeger',
        value,
        // The package's explain API names the rule (EXPLAIN_REJECTION), not only the grammar.
        reason: {
          rule: "trace-id has uppercase 'A' at position 1 (uber-trace-id/trace-id-uppercase)",
          spec: 'Jaeger Propagation Format §Trace/Span Identity',
          position: 1,
        },
      }),
    ]);
    expect(reports[0].message).toBe(
      `@baton/propagator-env: Jaeger rejected uber-trace-id ${JSON.stringify(value)}: trace-id has ` +
        "uppercase 'A' at position 1 (uber-trace-id/trace-id-uppercase) (Jaeger Propagation Format " +
        '§Trace/Span Identity); its trace was not continued.',
    );
  });

  test('a long value is cut to 64 characters', () => {
    const { reports, extract } = resolve('tracecontext');
    extract({ traceparent: `00-${'z'.repeat(500)}` });
    expect(reports[0].value).toBe(`00-${'z'.repeat(61)}…`);
  });

  test('a member that explains itself (EXPLAIN_REJECTION) gives the rule, spec and position', () => {
    const explain: RejectionExplainer = (header, value) => ({
      rule: `${header} must be lowercase`,
      spec: 'Example spec §1',
      position: value.search(/[A-Z]/),
    });
    registerPropagator('explaining', () => ({
      inject() {},
      extract: (c: Context) => c,
      fields: () => ['traceparent'],
      toString: () => 'Explaining',
      [EXPLAIN_REJECTION]: explain,
    }));
    const { reports, extract } = resolve('explaining');
    extract({ traceparent: '00-abC' });
    expect(reports[0].reason).toEqual({
      rule: 'traceparent must be lowercase',
      spec: 'Example spec §1',
      position: 5,
    });
    expect(reports[0].message).toContain(
      'Explaining rejected traceparent "00-abC": traceparent must be lowercase at position 5 (Example spec §1);',
    );
  });
});

describe('nothing to report → nothing reported', () => {
  test.each<[string, Record<string, unknown> | undefined]>([
    ['a valid traceparent', { traceparent: `00-${TRACE}-${SPAN}-01` }],
    ['no tracing header at all', { host: 'example', accept: '*/*' }],
    ['B3 sampling-only b3: 0 (valid, carries no trace)', { b3: '0' }],
    ['an undefined carrier', undefined],
  ])('%s', (_case, carrier) => {
    const { reports, extract } = resolve('tracecontext,baggage,b3');
    extract(carrier);
    expect(reports).toEqual([]);
  });

  test('a valid traceparent next to unread x-b3-*: the trace continues, nothing to explain', () => {
    const { reports, extract } = resolve('tracecontext');
    extract({ traceparent: `00-${TRACE}-${SPAN}-01`, 'x-b3-traceid': TRACE, 'x-b3-spanid': SPAN });
    expect(reports).toEqual([]);
  });

  test('diagnostics: false → no wrapper, no report', () => {
    const plain = propagatorFromEnv({ OTEL_PROPAGATORS: 'tracecontext' }, { diagnostics: false });
    const withDiag = propagatorFromEnv({ OTEL_PROPAGATORS: 'tracecontext' });
    expect(plain.constructor.name).toBe('W3CTraceContextPropagator');
    expect(withDiag.constructor.name).toBe('DiagnosedPropagator');
    expect(describePropagator(withDiag)).toBe(describePropagator(plain));
    expect(withDiag.fields()).toEqual(plain.fields());
  });
});

describe('rate limit: once per kind per interval, with the count of the others', () => {
  test('many requests → one report per kind', () => {
    const { reports, extract } = resolve('tracecontext');
    for (let i = 0; i < 100; i++) extract({ b3: `${TRACE}-${SPAN}-1` });
    for (let i = 0; i < 100; i++) extract({ traceparent: 'garbage' });
    expect(reports.map((r) => [r.kind, r.header])).toEqual([
      ['unread-format', 'b3'],
      ['rejected-header', 'traceparent'],
    ]);
  });

  test('after the interval, the next report says how many were not reported', async () => {
    const { reports, extract } = resolve('tracecontext', 40);
    for (let i = 0; i < 5; i++) extract({ b3: `${TRACE}-${SPAN}-1` });
    await new Promise((r) => setTimeout(r, 60));
    extract({ b3: `${TRACE}-${SPAN}-1` });
    expect(reports.map((r) => r.suppressed)).toEqual([0, 4]);
    expect(reports[1].message.endsWith(' (4 more since the last report)')).toBe(true);
  });
});

describe('the request path never throws', () => {
  test('a getter that throws', () => {
    const { reports, propagator } = resolve('tracecontext');
    const getter: TextMapGetter = {
      get: () => {
        throw new Error('boom');
      },
      keys: () => [],
    };
    expect(propagator.extract(ROOT_CONTEXT, {}, getter)).toBe(ROOT_CONTEXT);
    expect(reports).toEqual([]);
  });

  test('a hook that throws does not reach the request', () => {
    const propagator: TextMapPropagator = propagatorFromEnv(
      { OTEL_PROPAGATORS: 'tracecontext', OTEL_LOG_LEVEL: 'none' },
      {
        diagnostics: {
          onReport: () => {
            throw new Error('hook');
          },
        },
      },
    );
    expect(
      propagator.extract(ROOT_CONTEXT, { b3: `${TRACE}-${SPAN}-1` }, defaultTextMapGetter),
    ).toBe(ROOT_CONTEXT);
  });
});

describe('bad diagnostics options throw at resolution', () => {
  test.each<[unknown, RegExp]>([
    [{ onReport: 1 }, /diagnostics.onReport must be a function/],
    [{ intervalMs: -1 }, /diagnostics.intervalMs must be a number/],
    [{ onreport: () => {} }, /unknown diagnostics option "onreport"/],
    ['on', /option "diagnostics" must be false or/],
  ])('%j', (diagnostics, message) => {
    expect(() =>
      propagatorFromEnv({ OTEL_PROPAGATORS: 'b3' }, { diagnostics: diagnostics as never }),
    ).toThrow(message);
  });
});
