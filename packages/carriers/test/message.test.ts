/**
 * Message carriers: the shapes real clients use, with Baton's propagators and the official ones.
 * Issue 17: "Each getter and setter is usable with any TextMapPropagator, official ones included."
 */
import {
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';
import { JaegerPropagator } from '@opentelemetry/propagator-jaeger';
import { resolvePropagators } from '@baton/propagator-env';
import fc from 'fast-check';
import {
  amqpHeadersGetter,
  amqpHeadersSetter,
  envelopeGetter,
  envelopeSetter,
  fetchHeadersGetter,
  fetchHeadersSetter,
  kafkaHeadersGetter,
  kafkaHeadersSetter,
  mapGetter,
  mapSetter,
  MAX_MESSAGE_ATTRIBUTES,
  packedSqsAttributesSetter,
  sqsAttributesGetter,
  sqsAttributesSetter,
  type MessageAttributes,
} from '@baton/carriers';
import { resetWarnOnce } from '../src/warn-once';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;
const ctx: Context = propagation.setBaggage(
  trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1 }),
  propagation.createBaggage({ 'user.tier': { value: 'gold' } }),
);

interface Shape {
  name: string;
  make: () => unknown;
  getter: TextMapGetter;
  setter: TextMapSetter;
  /** What a client hands the consumer: the carrier as it arrives on the other side. */
  receive: (c: unknown) => unknown;
}

const shapes: Shape[] = [
  {
    name: 'kafkajs headers (values arrive as Buffers)',
    make: () => ({}),
    getter: kafkaHeadersGetter,
    setter: kafkaHeadersSetter,
    receive: (c) =>
      Object.fromEntries(Object.entries(c as object).map(([k, v]) => [k, Buffer.from(String(v))])),
  },
  {
    name: 'amqplib properties.headers',
    make: () => ({}),
    getter: amqpHeadersGetter,
    setter: amqpHeadersSetter,
    receive: (c) => c,
  },
  {
    name: 'SQS/SNS message attributes',
    make: () => ({}),
    getter: sqsAttributesGetter,
    setter: sqsAttributesSetter,
    receive: (c) => JSON.parse(JSON.stringify(c)),
  },
  {
    name: 'SQS/SNS message attributes, packed',
    make: () => ({}),
    getter: sqsAttributesGetter,
    setter: packedSqsAttributesSetter,
    receive: (c) => JSON.parse(JSON.stringify(c)),
  },
  { name: 'Map', make: () => new Map(), getter: mapGetter, setter: mapSetter, receive: (c) => c },
  {
    name: 'WHATWG Headers',
    make: () => new Headers(),
    getter: fetchHeadersGetter,
    setter: fetchHeadersSetter,
    receive: (c) => new Headers(c as Headers),
  },
  {
    name: 'JSON envelope',
    make: () => ({ order: 42 }),
    getter: envelopeGetter,
    setter: envelopeSetter,
    receive: (c) => JSON.parse(JSON.stringify(c)),
  },
];

const propagators: [string, TextMapPropagator, boolean][] = [
  [
    'Baton tracecontext,baggage,b3multi,jaeger',
    resolvePropagators(['tracecontext', 'baggage', 'b3multi', 'jaeger']),
    true,
  ],
  ['official W3C (core)', new W3CTraceContextPropagator(), false],
  ['official W3C baggage (core)', new W3CBaggagePropagator(), true],
  ['official B3 multi', new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }), false],
  ['official Jaeger', new JaegerPropagator(), true],
];

describe.each(shapes)('$name', (shape) => {
  test.each(propagators)('inject → wire → extract with %s', (_name, propagator, carriesBaggage) => {
    const carrier = shape.make();
    propagator.inject(ctx, carrier, shape.setter);
    const back = propagator.extract(ROOT_CONTEXT, shape.receive(carrier), shape.getter);
    const sc = trace.getSpanContext(back);
    if (propagator instanceof W3CBaggagePropagator) {
      expect(sc).toBeUndefined();
    } else {
      expect(sc).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, isRemote: true });
    }
    if (carriesBaggage) {
      expect(propagation.getBaggage(back)?.getEntry('user.tier')?.value).toBe('gold');
    }
  });

  test('never throws on hostile carriers; an unreadable carrier extracts nothing', () => {
    const chain = resolvePropagators(['tracecontext', 'baggage', 'b3multi', 'jaeger']);
    fc.assert(
      fc.property(fc.anything(), fc.string(), (carrier, key) => {
        shape.getter.get(carrier, key);
        shape.getter.keys(carrier);
        shape.setter.set(carrier, key, 'v');
        chain.extract(ROOT_CONTEXT, carrier, shape.getter);
      }),
      { numRuns: 300 },
    );
    expect(chain.extract(ROOT_CONTEXT, undefined, shape.getter)).toBe(ROOT_CONTEXT);
  });
});

describe('kafkajs and amqplib: names in any case, repeated values, non-string values', () => {
  test('an official propagator (lowercase lookup only) finds Traceparent through the getter', () => {
    const headers = { Traceparent: Buffer.from(TRACEPARENT) };
    const sc = trace.getSpanContext(
      new W3CTraceContextPropagator().extract(ROOT_CONTEXT, headers, kafkaHeadersGetter),
    );
    expect(sc?.traceId).toBe(TRACE_ID);
  });

  test('kafkajs arrays give every text value, Buffers decoded', () => {
    const headers = { tracestate: [Buffer.from('a=1'), 'b=2', 7 as unknown as string] };
    expect(kafkaHeadersGetter.get(headers, 'tracestate')).toEqual(['a=1', 'b=2', '7']);
    expect(kafkaHeadersGetter.get({ x: [] }, 'x')).toBeUndefined();
  });

  test('an AMQP field table with x-b3-sampled: true (a boolean) is read by B3', () => {
    const headers = { 'X-B3-TraceId': TRACE_ID, 'X-B3-SpanId': SPAN_ID, 'X-B3-Sampled': true };
    expect(amqpHeadersGetter.get(headers, 'x-b3-sampled')).toBe('true');
    const sc = trace.getSpanContext(
      resolvePropagators(['b3multi']).extract(ROOT_CONTEXT, headers, amqpHeadersGetter),
    );
    expect(sc).toMatchObject({ traceId: TRACE_ID, traceFlags: 1 });
  });

  test('an own key wins; inherited Object.prototype names are not headers', () => {
    expect(amqpHeadersGetter.get({}, 'constructor')).toBeUndefined();
    expect(amqpHeadersGetter.get({}, 'toString')).toBeUndefined();
  });
});

describe('SQS / SNS message attributes', () => {
  test('the getter reads SendMessage, Lambda and SNS-in-SQS-body shapes', () => {
    expect(
      sqsAttributesGetter.get(
        { traceparent: { DataType: 'String', StringValue: 'a' } },
        'traceparent',
      ),
    ).toBe('a');
    expect(
      sqsAttributesGetter.get(
        { traceparent: { dataType: 'String', stringValue: 'b' } } as unknown as MessageAttributes,
        'traceparent',
      ),
    ).toBe('b');
    expect(
      sqsAttributesGetter.get(
        { traceparent: { Type: 'String', Value: 'c' } } as unknown as MessageAttributes,
        'traceparent',
      ),
    ).toBe('c');
    expect(
      sqsAttributesGetter.get(
        { traceparent: { DataType: 'Binary', BinaryValue: 'x' } },
        'traceparent',
      ),
    ).toBeUndefined();
  });

  test('"at most 10 attributes per message": the plain setter never writes an 11th, and says to pack', () => {
    const attributes: MessageAttributes = {};
    for (let i = 0; i < 9; i++) attributes[`app${i}`] = { DataType: 'String', StringValue: 'x' };
    const errors: string[] = [];
    resetWarnOnce(); // the hostile-carrier properties above may have hit the limit already
    const spy = jest.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    try {
      resolvePropagators(['tracecontext', 'baggage']).inject(ctx, attributes, sqsAttributesSetter);
    } finally {
      spy.mockRestore();
    }
    expect(Object.keys(attributes)).toHaveLength(MAX_MESSAGE_ATTRIBUTES);
    expect(attributes.traceparent?.StringValue).toBe(TRACEPARENT);
    expect(attributes.baggage).toBeUndefined();
    expect(errors).toEqual([
      "@baton/carriers: SQS/SNS allow at most 10 message attributes; 'baggage' was not written, so the consumer may not continue the trace. Inject with packedSqsAttributesSetter (all fields in one attribute) instead.",
    ]);
  });

  test('packed: six fields in one attribute, and the getter unpacks it by itself', () => {
    const attributes: MessageAttributes = {};
    for (let i = 0; i < 9; i++) attributes[`app${i}`] = { DataType: 'String', StringValue: 'x' };
    const chain = resolvePropagators(['tracecontext', 'baggage', 'b3multi']);
    chain.inject(ctx, attributes, packedSqsAttributesSetter);
    expect(Object.keys(attributes)).toHaveLength(10);
    const packed = JSON.parse(attributes.trace_context.StringValue as string);
    expect(Object.keys(packed).sort()).toEqual(
      ['baggage', 'traceparent', 'x-b3-sampled', 'x-b3-spanid', 'x-b3-traceid'].sort(),
    );
    const back = resolvePropagators(['b3multi', 'baggage']).extract(
      ROOT_CONTEXT,
      attributes,
      sqsAttributesGetter,
    );
    expect(trace.getSpanContext(back)?.traceId).toBe(TRACE_ID);
    expect(propagation.getBaggage(back)?.getEntry('user.tier')?.value).toBe('gold');
    expect(sqsAttributesGetter.keys(attributes)).toContain('x-b3-traceid');
    expect(sqsAttributesGetter.keys(attributes)).not.toContain('trace_context');
  });

  test('a packed attribute that is not a JSON object, or too long, is ignored', () => {
    const bad = (value: string): MessageAttributes => ({
      trace_context: { DataType: 'String', StringValue: value },
    });
    expect(sqsAttributesGetter.get(bad('{'), 'traceparent')).toBeUndefined();
    expect(sqsAttributesGetter.get(bad('[1]'), 'traceparent')).toBeUndefined();
    expect(
      sqsAttributesGetter.get(bad(JSON.stringify({ traceparent: 5 })), 'traceparent'),
    ).toBeUndefined();
    const long = JSON.stringify({ traceparent: TRACEPARENT, pad: 'x'.repeat(40_000) });
    expect(sqsAttributesGetter.get(bad(long), 'traceparent')).toBeUndefined();
  });
});

describe('JSON envelope', () => {
  test('{ trace_context: { … } } beside the message fields, which are left alone', () => {
    const body = { order: 42 } as Record<string, unknown>;
    resolvePropagators(['tracecontext', 'baggage']).inject(ctx, body, envelopeSetter);
    expect(body).toEqual({
      order: 42,
      trace_context: { traceparent: TRACEPARENT, baggage: 'user.tier=gold' },
    });
  });

  test('a trace_context that is not an object, or values that are not strings, extract nothing', () => {
    for (const trace_context of [null, 'x', 5, ['a'], { traceparent: 7 }]) {
      const back = new W3CTraceContextPropagator().extract(
        ROOT_CONTEXT,
        { trace_context },
        envelopeGetter,
      );
      expect(back).toBe(ROOT_CONTEXT);
    }
  });
});

describe('Map and Headers', () => {
  test('Map keys in any case', () => {
    const m = new Map([['TraceParent', TRACEPARENT]]);
    expect(mapGetter.get(m, 'traceparent')).toBe(TRACEPARENT);
    expect(mapGetter.keys(m)).toEqual(['TraceParent']);
  });

  test('Headers: absent is undefined (not null); an invalid value is not written and does not throw', () => {
    const h = new Headers();
    expect(fetchHeadersGetter.get(h, 'traceparent')).toBeUndefined();
    fetchHeadersSetter.set(h, 'traceparent', 'a\r\nb');
    expect(h.has('traceparent')).toBe(false);
    expect(fetchHeadersGetter.get(h, 'bad name')).toBeUndefined();
  });
});
