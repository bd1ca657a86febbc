/**
 * REQUIREMENTS §1, "Every propagator": extract never throws for any carrier and returns the input
 * context unchanged when nothing valid is found; inject never throws. Plus construction (DESIGN:
 * bad configuration fails at start-up with a message that says what to change) and toString().
 */
import { defaultTextMapGetter, ROOT_CONTEXT, type TextMapGetter } from '@opentelemetry/api';
import { OTTracePropagator } from '@baton/propagator-ot-trace';
import { otHeaders, spanContextOf, SPAN_ID, TRACE_ID } from './helpers';

const p = new OTTracePropagator();

describe('§1 Extract never throws, for any carrier', () => {
  const throwing: TextMapGetter = {
    get: () => {
      throw new Error('get');
    },
    keys: () => {
      throw new Error('keys');
    },
  };
  const badKeys: TextMapGetter = { get: () => undefined, keys: () => 'not-an-array' as never };
  const oneMb = 'a'.repeat(1024 * 1024);
  const throwingElement = otHeaders();
  Object.defineProperty(throwingElement, 'ot-baggage-x', {
    enumerable: true,
    get() {
      throw new Error('getter');
    },
  });
  test.each<[string, unknown, TextMapGetter]>([
    ['undefined', undefined, defaultTextMapGetter],
    ['null', null, defaultTextMapGetter],
    ['a string carrier', 'ot-tracer-traceid', defaultTextMapGetter],
    ['a number carrier', 42, defaultTextMapGetter],
    ['an array carrier', [TRACE_ID, SPAN_ID], defaultTextMapGetter],
    [
      'an empty array value',
      { 'ot-tracer-traceid': [], 'ot-tracer-spanid': [] },
      defaultTextMapGetter,
    ],
    [
      'a 1 MB string in every header',
      {
        'ot-tracer-traceid': oneMb,
        'ot-tracer-spanid': oneMb,
        'ot-tracer-sampled': oneMb,
        'ot-baggage-a': oneMb,
      },
      defaultTextMapGetter,
    ],
    [
      'lone UTF-16 surrogates',
      { 'ot-tracer-traceid': '\uD800'.repeat(32), 'ot-tracer-spanid': '\uDC00'.repeat(16) },
      defaultTextMapGetter,
    ],
    ['a getter that throws', otHeaders(), throwing],
    ['a getter whose keys() is not an array', { 'ot-tracer-traceid': 'x' }, badKeys],
    [
      'a Buffer of garbage',
      { 'ot-tracer-traceid': Buffer.from([0xff, 0x00]), 'ot-tracer-spanid': Buffer.alloc(16) },
      defaultTextMapGetter,
    ],
  ])('%s → the input context itself', (_name, carrier, getter) => {
    expect(p.extract(ROOT_CONTEXT, carrier, getter)).toBe(ROOT_CONTEXT);
  });

  test('an accessor that throws on a baggage header: the trace still arrives', () => {
    const ctx = p.extract(ROOT_CONTEXT, throwingElement, defaultTextMapGetter);
    expect(spanContextOf(ctx)?.traceId).toBe(TRACE_ID);
  });

  test('keys() that throws: the lowercase headers are still read', () => {
    const getter: TextMapGetter<Record<string, unknown>> = {
      get: (c, k) => c[k] as string | undefined,
      keys: () => {
        throw new Error('no keys');
      },
    };
    expect(spanContextOf(p.extract(ROOT_CONTEXT, otHeaders(), getter))?.spanId).toBe(SPAN_ID);
  });

  test('a getter returning null counts as absent (Map-backed carriers)', () => {
    const m = new Map(Object.entries(otHeaders()));
    const getter: TextMapGetter<Map<string, unknown>> = {
      get: (c, k) => (c.has(k) ? (c.get(k) as string) : (null as unknown as undefined)),
      keys: (c) => [...c.keys()],
    };
    expect(spanContextOf(p.extract(ROOT_CONTEXT, m, getter))?.traceId).toBe(TRACE_ID);
    expect(p.extract(ROOT_CONTEXT, new Map(), getter)).toBe(ROOT_CONTEXT);
  });

  test('a Proxy carrier gets the lookups by name', () => {
    const proxy = new Proxy(
      {},
      { get: (_t, k) => (otHeaders() as Record<string | symbol, unknown>)[k] },
    );
    expect(spanContextOf(p.extract(ROOT_CONTEXT, proxy, defaultTextMapGetter))?.traceId).toBe(
      TRACE_ID,
    );
  });
});

describe('§1 Inject never throws', () => {
  test('a setter that throws', () => {
    const ctx = p.extract(ROOT_CONTEXT, otHeaders({ 'ot-baggage-a': '1' }), defaultTextMapGetter);
    const setter = {
      set: () => {
        throw new Error('frozen');
      },
    };
    expect(() => p.inject(ctx, {}, setter)).not.toThrow();
  });
});

describe('construction', () => {
  test.each<[string, unknown, RegExp]>([
    [
      'an unknown option (typo)',
      { emit64bitTraceIds: true },
      /unknown option 'emit64bitTraceIds'.*emit64BitTraceIds/,
    ],
    [
      'emit64BitTraceIds not a boolean',
      { emit64BitTraceIds: 'yes' },
      /emit64BitTraceIds must be true or false, got yes/,
    ],
    [
      'a config that is not an object',
      'x-trace',
      /must be an object like \{ emit64BitTraceIds: true \}, got string/,
    ],
  ])('%s throws a TypeError saying what to change', (_name, config, message) => {
    expect(() => new OTTracePropagator(config as never)).toThrow(TypeError);
    expect(() => new OTTracePropagator(config as never)).toThrow(message);
  });

  test.each<[string, unknown, string]>([
    ['no argument', undefined, 'OTTrace'],
    ['{}', {}, 'OTTrace'],
    ['emit64BitTraceIds: false', { emit64BitTraceIds: false }, 'OTTrace'],
    ['emit64BitTraceIds: true', { emit64BitTraceIds: true }, 'OTTrace(64-bit)'],
  ])('toString() with %s: %s', (_name, config, description) => {
    expect(String(new OTTracePropagator(config as never))).toBe(description);
  });
});

test('§1 an inherited key (prototype pollution) is not a header', () => {
  const proto = Object.prototype as Record<string, unknown>;
  proto['OT-Tracer-TraceId'] = TRACE_ID;
  proto['OT-Tracer-SpanId'] = SPAN_ID;
  try {
    expect(p.extract(ROOT_CONTEXT, { host: 'h' }, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
  } finally {
    delete proto['OT-Tracer-TraceId'];
    delete proto['OT-Tracer-SpanId'];
  }
});
