/**
 * B3Sampler with a real BasicTracerProvider (sdk-trace-base 2.x). REQUIREMENTS §4 (Decision): "ship a
 * `Sampler` wrapper (sdk-trace-base interface) that lets a deny-only `b3: 0` drop the trace and a
 * deferred context be decided by the local root sampler"; issue 2: "debug always samples".
 */
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  type Context,
} from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace-base';
import { setDebugTrace } from '@baton/internal';
import { B3Propagator, B3Sampler, createB3Sampler } from '@baton/propagator-b3';
import { OTHER_T, S, T32 } from './helpers';

const b3 = new B3Propagator();
const incoming = (carrier: Record<string, string>) =>
  b3.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);

/** Starts one span in `ctx` under a provider using `sampler`; returns it and what was exported. */
function startSpan(sampler: Sampler, ctx: Context) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    sampler,
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const span = provider.getTracer('b3-sampler-test').startSpan('server', {}, ctx);
  // Read before end(): an ended span never records, whatever the sampler decided (issue 20).
  const recording = span.isRecording();
  span.end();
  return { span, recording, exported: exporter.getFinishedSpans() };
}

const ON = new AlwaysOnSampler();
const OFF = new AlwaysOffSampler();

test.each([
  ['deny-only b3: 0 drops the trace even with AlwaysOn', { b3: '0' }, ON, false],
  ['deny-only x-b3-sampled: 0 drops the trace', { 'x-b3-sampled': '0' }, ON, false],
  ['accept-only b3: 1 samples even with AlwaysOff', { b3: '1' }, OFF, true],
  ['debug-only b3: d samples even with AlwaysOff', { b3: 'd' }, OFF, true],
  ['no B3 at all: the root sampler decides (on)', {}, ON, true],
  ['no B3 at all: the root sampler decides (off)', {}, OFF, false],
  ['deferred b3: the root sampler decides (on)', { b3: `${T32}-${S}` }, ON, true],
  ['deferred b3: the root sampler decides (off)', { b3: `${T32}-${S}` }, OFF, false],
  [
    'deferred x-b3-*: the root sampler decides (on)',
    { 'x-b3-traceid': T32, 'x-b3-spanid': S },
    ON,
    true,
  ],
  [
    'deferred: a ParentBased root decides as for a root',
    { b3: `${T32}-${S}` },
    new ParentBasedSampler({ root: ON }),
    true,
  ],
  ['sampled parent is followed (AlwaysOff root)', { b3: `${T32}-${S}-1` }, OFF, true],
  ['not-sampled parent is followed (AlwaysOn root)', { b3: `${T32}-${S}-0` }, ON, false],
  ['debug parent samples (AlwaysOff root)', { b3: `${T32}-${S}-d` }, OFF, true],
])('%s', (_name, carrier, root, sampled) => {
  const { span, recording, exported } = startSpan(new B3Sampler(root), incoming(carrier));
  expect(recording).toBe(sampled); // RECORD_AND_SAMPLED records; NOT_RECORD does not
  expect(exported.length).toBe(sampled ? 1 : 0);
  expect((span.spanContext().traceFlags & 1) === 1).toBe(sampled);
});

test('the deferred decision is made on the propagated trace id (TraceIdRatioBased agrees everywhere)', () => {
  const ratio = new TraceIdRatioBasedSampler(0.5);
  const sampler = createB3Sampler(ratio);
  const outcomes = new Set<boolean>();
  for (let i = 1; i <= 16; i++) {
    const traceId = (i * 0x9e3779b1).toString(16).padStart(8, '0').slice(-8) + T32.slice(8);
    const rootDecision = ratio.shouldSample(ROOT_CONTEXT, traceId).decision === 2;
    outcomes.add(rootDecision);
    // What the upstream service's own ratio sampler would decide for this trace, this service decides too.
    expect(startSpan(sampler, incoming({ b3: `${traceId}-${S}` })).exported.length === 1).toBe(
      rootDecision,
    );
  }
  expect(outcomes).toEqual(new Set([true, false])); // both outcomes exercised
});

test('without the wrapper, the SDK reads deferred as "not sampled" (why B3Sampler exists)', () => {
  expect(
    startSpan(new ParentBasedSampler({ root: ON }), incoming({ b3: `${T32}-${S}` })).exported,
  ).toHaveLength(0);
});

test('the span started under a deferred parent keeps the trace, and is propagated with its decision', () => {
  const { span } = startSpan(new B3Sampler(ON), incoming({ b3: `${T32}-${S}` }));
  expect(span.spanContext().traceId).toBe(T32);
  const carrier: Record<string, string> = {};
  b3.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter);
  expect(carrier).toEqual({ b3: `${T32}-${span.spanContext().spanId}-1` });
});

test('debug always samples, even when the span context says not sampled', () => {
  const ctx = setDebugTrace(
    trace.setSpanContext(ROOT_CONTEXT, { traceId: T32, spanId: S, traceFlags: 0, isRemote: true }),
    T32,
  );
  expect(startSpan(new B3Sampler(OFF), ctx).exported).toHaveLength(1);
});

test('debug of another trace does not make a new root span sampled', () => {
  const ctx = setDebugTrace(ROOT_CONTEXT, OTHER_T);
  expect(startSpan(new B3Sampler(OFF), ctx).exported).toHaveLength(0);
});

test('a sampling-only decision does not apply under a parent of another format', () => {
  // b3: 0 then a W3C parent (sampled) in the same context: the parent is followed.
  const ctx = trace.setSpanContext(incoming({ b3: '0' }), {
    traceId: T32,
    spanId: S,
    traceFlags: 1,
    isRemote: true,
  });
  expect(startSpan(new B3Sampler(OFF), ctx).exported).toHaveLength(1);
});

test('description', () => {
  expect(new B3Sampler(ON).toString()).toBe('B3Sampler{root=AlwaysOnSampler}');
  expect(new B3Sampler(ON).getDescription()).toBe('B3Sampler{root=AlwaysOnSampler}');
});
