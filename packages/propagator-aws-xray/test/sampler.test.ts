/**
 * AWSXRaySampler with a real BasicTracerProvider (sdk-trace-base 2.x). R12: "`?` or missing `Sampled`
 * → deferred (context kept, not sampled)"; I16: "record the deferral as B3 does, so a sampler wrapper
 * can decide".
 */
import { defaultTextMapGetter, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  type Sampler,
} from '@opentelemetry/sdk-trace-base';
import { AWSXRayPropagator, AWSXRaySampler } from '@baton/propagator-aws-xray';
import { OTHER_SPAN, OTHER_TRACE, PARENT, ROOT, TRACE_ID } from './helpers';

const xray = new AWSXRayPropagator();
const incoming = (header: string) =>
  xray.extract(ROOT_CONTEXT, { 'x-amzn-trace-id': header }, defaultTextMapGetter);

/** Starts one span in `ctx` under a provider using `sampler`: was it sampled, and in which trace. */
function startSpan(sampler: Sampler, ctx: Context) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    sampler,
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const span = provider.getTracer('xray-sampler-test').startSpan('server', {}, ctx);
  span.end();
  return {
    sampled: (span.spanContext().traceFlags & 1) === 1,
    traceId: span.spanContext().traceId,
    exported: exporter.getFinishedSpans().length,
  };
}
const on = () => new AWSXRaySampler(new AlwaysOnSampler());
const off = () => new AWSXRaySampler(new AlwaysOffSampler());

describe('a deferred context (Sampled=? or none) is decided by the root sampler, in its trace', () => {
  test.each([`Root=${ROOT};Parent=${PARENT};Sampled=?`, `Root=${ROOT};Parent=${PARENT}`])(
    '%s',
    (header) => {
      expect(startSpan(on(), incoming(header))).toEqual({
        sampled: true,
        traceId: TRACE_ID,
        exported: 1,
      });
      expect(startSpan(off(), incoming(header))).toEqual({
        sampled: false,
        traceId: TRACE_ID,
        exported: 0,
      });
      // Without the wrapper, ParentBased reads the unset flag as "not sampled": the case it exists for.
      expect(
        startSpan(new ParentBasedSampler({ root: new AlwaysOnSampler() }), incoming(header))
          .sampled,
      ).toBe(false);
    },
  );

  test('a ParentBased root is not fooled by the unset flag: it sees no parent', () => {
    const sampler = new AWSXRaySampler(new ParentBasedSampler({ root: new AlwaysOnSampler() }));
    expect(startSpan(sampler, incoming(`Root=${ROOT};Parent=${PARENT};Sampled=?`)).sampled).toBe(
      true,
    );
  });
});

describe('a decided context is followed, whatever the root sampler says', () => {
  test('Sampled=1 with AlwaysOff root → sampled', () => {
    expect(startSpan(off(), incoming(`Root=${ROOT};Parent=${PARENT};Sampled=1`)).sampled).toBe(
      true,
    );
  });
  test('Sampled=0 with AlwaysOn root → not sampled', () => {
    expect(startSpan(on(), incoming(`Root=${ROOT};Parent=${PARENT};Sampled=0`)).sampled).toBe(
      false,
    );
  });
  test('the deferral is bound to its span context: another, unsampled parent is not re-decided', () => {
    const deferred = incoming(`Root=${ROOT};Parent=${PARENT};Sampled=?`);
    const other = trace.setSpanContext(deferred, {
      traceId: OTHER_TRACE,
      spanId: OTHER_SPAN,
      traceFlags: 0,
      isRemote: true,
    });
    expect(startSpan(on(), other)).toEqual({ sampled: false, traceId: OTHER_TRACE, exported: 0 });
  });
});

describe('a Root-only header (a load balancer first hop): the new root span follows its Sampled', () => {
  test.each([
    [`Root=${ROOT};Sampled=1`, off, true],
    [`Root=${ROOT};Sampled=0`, on, false],
    [`Root=${ROOT}`, on, true],
    [`Root=${ROOT}`, off, false],
  ])('%s', (header, sampler, sampled) => {
    const r = startSpan(sampler(), incoming(header));
    expect(r.sampled).toBe(sampled);
    expect(r.traceId).not.toBe(TRACE_ID); // no parent span: a new trace starts here
  });
});

test('a configuration mistake fails at start-up with a message that says what to pass', () => {
  expect(() => new AWSXRaySampler(undefined as never)).toThrow(/pass the root sampler to wrap/);
  expect(String(on())).toBe('AWSXRaySampler{root=AlwaysOnSampler}');
});
