/**
 * I16: "Interop with the official `@opentelemetry/propagator-aws-xray` on valid input" — both lines:
 * 2.2.0 (SDK 2 users) and 3.0.0 (the newest, from tools/official-3x). Same span context both ways,
 * for generated valid span contexts; then the documented differences, each as a case.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { AWSXRayLambdaPropagator, AWSXRayPropagator } from '@baton/propagator-aws-xray';
import { EPOCH, PARENT, RANDOM, ROOT, TRACE_ID } from './helpers';

const repo = join(__dirname, '../../..');
const official22 = require('@opentelemetry/propagator-aws-xray');
const official30 = require(
  require.resolve('@opentelemetry/propagator-aws-xray', {
    paths: [join(repo, 'tools/official-3x')],
  }),
);
const officialLambda = require('@opentelemetry/propagator-aws-xray-lambda');

const officials: Array<[string, TextMapPropagator]> = [
  ['2.2.0', new official22.AWSXRayPropagator()],
  ['3.0.0', new official30.AWSXRayPropagator()],
];
const baton = new AWSXRayPropagator();

const nonZeroId = (width: number) =>
  fc
    .bigInt({ min: 1n, max: (1n << BigInt(width * 4)) - 1n })
    .map((b) => b.toString(16).padStart(width, '0'));
const validSpanContext = fc.record({
  traceId: nonZeroId(32),
  spanId: nonZeroId(16),
  traceFlags: fc.constantFrom(0, 1),
});

describe.each(officials)('official %s on valid input', (version, official) => {
  test(`the same header: Baton inject === official ${version} inject`, () => {
    fc.assert(
      fc.property(validSpanContext, (sc) => {
        const ctx = trace.setSpanContext(ROOT_CONTEXT, { ...sc, isRemote: false });
        const a: Record<string, string> = {};
        const b: Record<string, string> = {};
        baton.inject(ctx, a, defaultTextMapSetter);
        official.inject(ctx, b, defaultTextMapSetter);
        expect(a).toEqual(b);
      }),
      { numRuns: 2000 },
    );
  });

  test(`official ${version} extracts what Baton injects, and Baton what official injects`, () => {
    fc.assert(
      fc.property(validSpanContext, (sc) => {
        const ctx = trace.setSpanContext(ROOT_CONTEXT, { ...sc, isRemote: false });
        const expected = { ...sc, isRemote: true };
        const fromBaton: Record<string, string> = {};
        baton.inject(ctx, fromBaton, defaultTextMapSetter);
        const o = official.extract(ROOT_CONTEXT, fromBaton, defaultTextMapGetter);
        expect(trace.getSpanContext(o)).toMatchObject(expected);
        const fromOfficial: Record<string, string> = {};
        official.inject(ctx, fromOfficial, defaultTextMapSetter);
        const b = baton.extract(ROOT_CONTEXT, fromOfficial, defaultTextMapGetter);
        expect(trace.getSpanContext(b)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  // I16's measured differences, as cases: what the official package does, what Baton does.
  const spanOf = (p: TextMapPropagator, header: string) =>
    trace.getSpanContext(
      p.extract(ROOT_CONTEXT, { 'x-amzn-trace-id': header }, defaultTextMapGetter),
    );
  test.each([
    {
      why: 'I16: "a header without `Sampled`, or with `Sampled=?`, is dropped (Go and Java keep the context as not sampled)"',
      header: `Root=${ROOT};Parent=${PARENT};Sampled=?`,
      official: undefined,
      baton: { traceId: TRACE_ID, spanId: PARENT, traceFlags: 0, isRemote: true },
    },
    {
      why: 'I16: same, no Sampled field',
      header: `Root=${ROOT};Parent=${PARENT}`,
      official: undefined,
      baton: { traceId: TRACE_ID, spanId: PARENT, traceFlags: 0, isRemote: true },
    },
    {
      why: 'I16: "uppercase hex is accepted and then injected uppercase into `traceparent`" (Baton rejects it)',
      header: `Root=1-${EPOCH}-${RANDOM.toUpperCase()};Parent=${PARENT};Sampled=1`,
      official: {
        traceId: EPOCH + RANDOM.toUpperCase(),
        spanId: PARENT,
        traceFlags: 1,
        isRemote: true,
      },
      baton: undefined,
    },
    {
      why: 'I16: "`ParentX=…` is read as `Parent` (prefix match)"',
      header: `Root=${ROOT};ParentX=${PARENT};Sampled=1`,
      official: { traceId: TRACE_ID, spanId: PARENT, traceFlags: 1, isRemote: true },
      baton: undefined,
    },
  ])('$why', (c) => {
    expect(spanOf(official, c.header)).toEqual(c.official);
    expect(spanOf(baton, c.header)).toEqual(c.baton);
  });
});

describe('official AWSXRayLambdaPropagator 0.56.0 (api < 1.10 only): same result on valid input', () => {
  const ENV = `Root=${ROOT};Parent=${PARENT};Sampled=1`;
  const saved = process.env._X_AMZN_TRACE_ID;
  afterEach(() => {
    if (saved === undefined) delete process.env._X_AMZN_TRACE_ID;
    else process.env._X_AMZN_TRACE_ID = saved;
  });
  test('no header in the carrier: both take _X_AMZN_TRACE_ID', () => {
    process.env._X_AMZN_TRACE_ID = ENV;
    const o = new officialLambda.AWSXRayLambdaPropagator().extract(
      ROOT_CONTEXT,
      {},
      defaultTextMapGetter,
    );
    const b = new AWSXRayLambdaPropagator().extract(ROOT_CONTEXT, {}, defaultTextMapGetter);
    expect(trace.getSpanContext(b)).toEqual(trace.getSpanContext(o));
    expect(trace.getSpanContext(b)?.spanId).toBe(PARENT);
  });
});
