/**
 * DeferredDecisionSampler, the decision B3Sampler and AWSXRaySampler share, with a format record
 * written here and the real samplers of @opentelemetry/sdk-trace-base as roots. REQUIREMENTS §4
 * (Decision): "lets a deny-only `b3: 0` drop the trace and a deferred context be decided by the local
 * root sampler"; §12: "`?` or missing `Sampled` → deferred".
 */
import { ROOT_CONTEXT, SpanKind, trace, type Context } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  ParentBasedSampler,
  SamplingDecision as SdkSamplingDecision,
  SimpleSpanProcessor,
  type Sampler,
} from '@opentelemetry/sdk-trace-base';
import {
  DeferredDecisionSampler,
  SamplingDecision,
  setDebugTrace,
  type RecordedSampling,
  type SamplerLike,
} from '@baton/internal';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';
const OTHER_T = '0af7651916cd43dd8448eb211c80319c';
const SAMPLE = { decision: SamplingDecision.RECORD_AND_SAMPLED };
const DROP = { decision: SamplingDecision.NOT_RECORD };
const ON = new AlwaysOnSampler();
const OFF = new AlwaysOffSampler();

/** A format's record, as a test states it: which span context is deferred, what a root follows. */
function record(
  deferred: { traceId: string; spanId: string } | undefined,
  rootDecision: boolean | undefined,
  debugSamples = false,
): RecordedSampling {
  return {
    debugSamples,
    isDeferred: (_ctx, traceId, spanId) =>
      deferred !== undefined && deferred.traceId === traceId && deferred.spanId === spanId,
    rootDecision: () => rootDecision,
  };
}

const parent = (traceFlags: number, traceId = T, spanId = S): Context =>
  trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags, isRemote: true });

const decide = (r: RecordedSampling, root: SamplerLike, ctx: Context, traceId = T) =>
  new DeferredDecisionSampler('TestSampler', r, root).shouldSample(
    ctx,
    traceId,
    'span',
    SpanKind.SERVER,
    {},
    [],
  );

/** A root sampler that says what it was asked, then samples. */
function spyRoot() {
  const calls: { parent: unknown; traceId: string }[] = [];
  const root: SamplerLike = {
    shouldSample(ctx, traceId) {
      calls.push({ parent: trace.getSpanContext(ctx), traceId });
      return SAMPLE;
    },
    toString: () => 'Spy',
  };
  return { root, calls };
}

test('the decisions are the numbers of sdk-trace-base', () => {
  expect(SamplingDecision.NOT_RECORD).toBe(SdkSamplingDecision.NOT_RECORD);
  expect(SamplingDecision.RECORD).toBe(SdkSamplingDecision.RECORD);
  expect(SamplingDecision.RECORD_AND_SAMPLED).toBe(SdkSamplingDecision.RECORD_AND_SAMPLED);
});

describe('a valid parent', () => {
  test.each([
    ['sampled, not deferred: followed (root off)', 1, undefined, OFF, SAMPLE],
    ['not sampled, not deferred: followed (root on)', 0, undefined, ON, DROP],
    ['not sampled, deferred: the root decides (on)', 0, { traceId: T, spanId: S }, ON, SAMPLE],
    ['not sampled, deferred: the root decides (off)', 0, { traceId: T, spanId: S }, OFF, DROP],
    [
      'sampled, deferred record: the flag wins (root off)',
      1,
      { traceId: T, spanId: S },
      OFF,
      SAMPLE,
    ],
    ['deferred record of another trace: followed', 0, { traceId: OTHER_T, spanId: S }, ON, DROP],
  ])('%s', (_name, flags, deferred, root, expected) => {
    expect(decide(record(deferred, true), root, parent(flags))).toEqual(expected);
  });

  test('a deferred parent reaches the root without the parent, with the propagated trace id', () => {
    const { root, calls } = spyRoot();
    decide(record({ traceId: T, spanId: S }, undefined), root, parent(0), T);
    // Without the parent, so a ParentBased root does not read the unset flag as "not sampled".
    expect(calls).toEqual([{ parent: undefined, traceId: T }]);
    expect(
      decide(
        record({ traceId: T, spanId: S }, undefined),
        new ParentBasedSampler({ root: ON }),
        parent(0),
      ),
    ).toEqual(SAMPLE);
  });

  test('a root-span decision of the record does not apply under a parent', () => {
    expect(decide(record(undefined, true), OFF, parent(0))).toEqual(DROP);
    expect(decide(record(undefined, false), ON, parent(1))).toEqual(SAMPLE);
  });

  test('debug samples only where the format says debug implies accept, and only its own trace', () => {
    const debug = setDebugTrace(parent(0), T);
    expect(decide(record(undefined, undefined, true), OFF, debug)).toEqual(SAMPLE);
    expect(decide(record(undefined, undefined, false), OFF, debug)).toEqual(DROP);
    const otherDebug = setDebugTrace(parent(0), OTHER_T);
    expect(decide(record(undefined, undefined, true), OFF, otherDebug)).toEqual(DROP);
  });
});

describe('a root span (no parent, or an invalid one)', () => {
  const invalid = parent(1, '00000000000000000000000000000000', S);
  test.each([
    ['the record says sample: sampled (root off)', ROOT_CONTEXT, true, OFF, SAMPLE],
    ['the record says drop: dropped (root on)', ROOT_CONTEXT, false, ON, DROP],
    ['no record: the root decides (on)', ROOT_CONTEXT, undefined, ON, SAMPLE],
    ['no record: the root decides (off)', ROOT_CONTEXT, undefined, OFF, DROP],
    ['an invalid parent is no parent: the record decides', invalid, false, ON, DROP],
  ])('%s', (_name, ctx, rootDecision, root, expected) => {
    expect(decide(record(undefined, rootDecision), root, ctx)).toEqual(expected);
  });

  test('the root sampler sees the context as it is', () => {
    const { root, calls } = spyRoot();
    decide(record(undefined, undefined), root, ROOT_CONTEXT, OTHER_T);
    expect(calls).toEqual([{ parent: undefined, traceId: OTHER_T }]);
  });
});

test('with a real tracer provider: a deferred parent keeps its trace and is sampled by the root', () => {
  const exporter = new InMemorySpanExporter();
  const sampler: Sampler = new DeferredDecisionSampler(
    'TestSampler',
    record({ traceId: T, spanId: S }, undefined),
    ON,
  );
  const provider = new BasicTracerProvider({
    sampler,
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const span = provider.getTracer('deferred-sampling-test').startSpan('server', {}, parent(0));
  span.end();
  expect(span.spanContext().traceId).toBe(T);
  expect(exporter.getFinishedSpans()).toHaveLength(1);
});

test('a root that is not a Sampler fails at start-up, naming the sampler and what to pass', () => {
  for (const bad of [undefined, null, 'on', {}, { shouldSample: 1 }]) {
    expect(
      () => new DeferredDecisionSampler('TestSampler', record(undefined, undefined), bad as never),
    ).toThrow(
      new TypeError(
        'TestSampler: pass the root sampler to wrap, e.g. new TestSampler(new AlwaysOnSampler()) from @opentelemetry/sdk-trace-base',
      ),
    );
  }
});

test('description: the name and the root', () => {
  const sampler = new DeferredDecisionSampler('TestSampler', record(undefined, undefined), ON);
  expect(sampler.toString()).toBe('TestSampler{root=AlwaysOnSampler}');
  expect(sampler.getDescription()).toBe('TestSampler{root=AlwaysOnSampler}');
});
