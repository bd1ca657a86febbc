/**
 * Inject, fields() and the composite promises, table-driven where there is a table. Each case quotes
 * its rule: REQUIREMENTS.md §1/§12 (`R1`/`R12`) or issue 16 (`I16`).
 */
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  trace,
  createTraceState,
  type Context,
  type TextMapSetter,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { EXTRACT_EQUIVALENCE, HEADERS_READ, KEEPS_BATON_RULES, headersRead } from '@baton/internal';
import { AWSXRayLambdaPropagator, AWSXRayPropagator } from '@baton/propagator-aws-xray';
import { LINEAGE, OTHER_SPAN, OTHER_TRACE, PARENT, ROOT, TRACE_ID } from './helpers';

const INJECT =
  'I16: "Inject: `Root=1-{8}-{24};Parent={16};Sampled={0|1}`, plus `;Lineage=…` when present. Nothing is written without a valid span context, or when tracing is suppressed."';
const NO_CONTEXT =
  'R1: "Inject with no valid span context writes no trace headers. Honour `suppressTracing`"';

const withSpan = (
  traceId: string,
  spanId: string,
  traceFlags: number,
  ctx: Context = ROOT_CONTEXT,
) => trace.setSpanContext(ctx, { traceId, spanId, traceFlags, isRemote: false });
const withLineage = (ctx: Context, value: string) =>
  propagation.setBaggage(ctx, propagation.createBaggage({ Lineage: { value } }));

interface Case {
  quote: string;
  name: string;
  context: Context;
  want: Record<string, string>;
}

const cases: Case[] = [
  {
    quote: INJECT,
    name: 'sampled',
    context: withSpan(TRACE_ID, PARENT, 1),
    want: { 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=1` },
  },
  {
    quote: INJECT,
    name: 'not sampled',
    context: withSpan(TRACE_ID, PARENT, 0),
    want: { 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=0` },
  },
  {
    quote: INJECT,
    name: 'the W3C random bit (0x02) does not change Sampled',
    context: withSpan(TRACE_ID, PARENT, 2),
    want: { 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=0` },
  },
  {
    quote: INJECT,
    name: 'Lineage from baggage is written back',
    context: withLineage(withSpan(TRACE_ID, PARENT, 1), LINEAGE),
    want: { 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=1;Lineage=${LINEAGE}` },
  },
  {
    quote: INJECT,
    name: 'an invalid Lineage in baggage is not written (never emit what the parser would reject)',
    context: withLineage(withSpan(TRACE_ID, PARENT, 1), '1:a87bd80c:10\r\nX: y'),
    want: { 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=1` },
  },
  { quote: NO_CONTEXT, name: 'no span context', context: ROOT_CONTEXT, want: {} },
  {
    quote: NO_CONTEXT,
    name: 'Lineage alone writes nothing',
    context: withLineage(ROOT_CONTEXT, LINEAGE),
    want: {},
  },
  {
    quote: NO_CONTEXT,
    name: 'all-zero trace id',
    context: withSpan('0'.repeat(32), PARENT, 1),
    want: {},
  },
  {
    quote: NO_CONTEXT,
    name: 'all-zero span id',
    context: withSpan(TRACE_ID, '0'.repeat(16), 1),
    want: {},
  },
  {
    quote: 'I16: "Decide and document what to do with uppercase hex; never emit it."',
    name: 'uppercase trace id in the context',
    context: withSpan(TRACE_ID.toUpperCase(), PARENT, 1),
    want: {},
  },
  {
    quote: NO_CONTEXT,
    name: 'short trace id',
    context: withSpan(TRACE_ID.slice(1), PARENT, 1),
    want: {},
  },
  {
    quote: NO_CONTEXT,
    name: 'suppressTracing',
    context: suppressTracing(withSpan(TRACE_ID, PARENT, 1)),
    want: {},
  },
];

describe.each([new AWSXRayPropagator(), new AWSXRayLambdaPropagator()])('%s', (propagator) => {
  describe.each(cases)('$quote', (c) => {
    test(c.name, () => {
      const carrier: Record<string, string> = {};
      propagator.inject(c.context, carrier, defaultTextMapSetter);
      expect(carrier).toEqual(c.want);
    });
  });

  test('R1: "Inject never throws" — a setter that throws, a context whose span throws', () => {
    const throwing: TextMapSetter = {
      set: () => {
        throw new Error('frozen');
      },
    };
    expect(() => propagator.inject(withSpan(TRACE_ID, PARENT, 1), {}, throwing)).not.toThrow();
    const badSpan = trace.setSpan(ROOT_CONTEXT, {
      spanContext: () => {
        throw new Error('ended');
      },
    } as never);
    const carrier = {};
    expect(() => propagator.inject(badSpan, carrier, defaultTextMapSetter)).not.toThrow();
    expect(carrier).toEqual({});
  });

  test('I16: "`fields()` is `[\'x-amzn-trace-id\']`" (a fresh array each call)', () => {
    const a = propagator.fields();
    expect(a).toEqual(['x-amzn-trace-id']);
    a.push('mutated');
    expect(propagator.fields()).toEqual(['x-amzn-trace-id']);
  });

  test('R7: inject∘extract gives back the same span context and Lineage', () => {
    const ctx = withLineage(withSpan(TRACE_ID, PARENT, 1), LINEAGE);
    const carrier: Record<string, string> = {};
    propagator.inject(ctx, carrier, defaultTextMapSetter);
    const out = propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
    expect(trace.getSpanContext(out)).toEqual({
      traceId: TRACE_ID,
      spanId: PARENT,
      traceFlags: 1,
      isRemote: true,
    });
    expect(propagation.getBaggage(out)?.getEntry('Lineage')?.value).toBe(LINEAGE);
  });
});

describe('I16: "The tracestate of an identical span context is kept, as for B3 and Jaeger."', () => {
  const xray = new AWSXRayPropagator();
  const carrier = { 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=1` };
  const traceState = createTraceState('rojo=00f067aa0ba902b7');

  test('same trace and span id already in the context: its tracestate is kept', () => {
    const before = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_ID,
      spanId: PARENT,
      traceFlags: 1,
      isRemote: true,
      traceState,
    });
    const sc = trace.getSpanContext(xray.extract(before, carrier, defaultTextMapGetter));
    expect(sc?.traceState?.serialize()).toBe('rojo=00f067aa0ba902b7');
  });

  test('another trace in the context: its tracestate is not copied (the official package copies it)', () => {
    const before = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: OTHER_TRACE,
      spanId: OTHER_SPAN,
      traceFlags: 1,
      isRemote: true,
      traceState,
    });
    const sc = trace.getSpanContext(xray.extract(before, carrier, defaultTextMapGetter));
    expect(sc?.traceId).toBe(TRACE_ID);
    expect(sc?.traceState).toBeUndefined();
  });
});

describe('R3 Decision: "extract merges header entries into the baggage already in the context (header wins per key)"', () => {
  test('Lineage joins the baggage already there', () => {
    const before = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({ tenant: { value: 'acme' }, Lineage: { value: '9:00000000:9' } }),
    );
    const out = new AWSXRayPropagator().extract(
      before,
      { 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=1;Lineage=${LINEAGE}` },
      defaultTextMapGetter,
    );
    const entries = Object.fromEntries(
      propagation
        .getBaggage(out)!
        .getAllEntries()
        .map(([k, e]) => [k, e.value]),
    );
    expect(entries).toEqual({ tenant: 'acme', Lineage: LINEAGE });
  });
});

describe('DESIGN "New format packages make all three" composite promises', () => {
  test('xray: KEEPS_BATON_RULES, EXTRACT_EQUIVALENCE, HEADERS_READ = x-amzn-trace-id', () => {
    const p = new AWSXRayPropagator();
    expect(p[KEEPS_BATON_RULES]).toBe(true);
    expect(p[EXTRACT_EQUIVALENCE]).toBe('xray');
    expect(headersRead(p)).toEqual({ names: ['x-amzn-trace-id'], prefixes: [] });
    expect(p[HEADERS_READ]).toBeDefined();
  });

  test('xray-lambda declares no HEADERS_READ: with the header absent it still reads the Lambda environment', () => {
    const p = new AWSXRayLambdaPropagator();
    expect(p[KEEPS_BATON_RULES]).toBe(true);
    expect(p[EXTRACT_EQUIVALENCE]).toBe('xray-lambda');
    expect(headersRead(p)).toBeUndefined();
  });
});
