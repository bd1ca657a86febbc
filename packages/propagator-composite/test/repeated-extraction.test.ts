/**
 * Adjacent members that promise identical extraction (EXTRACT_EQUIVALENCE: every B3 propagator
 * reads both encodings whatever its inject encoding) are extracted once — the result must be the
 * same as running both, and non-adjacent repeats must still run (a member in between may change
 * which span context is the last valid one).
 */
import { defaultTextMapGetter, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { B3InjectEncoding, B3Propagator } from '@baton/propagator-b3';
import { W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { CompositePropagator } from '@baton/propagator-composite';

const T1 = '0af7651916cd43dd8448eb211c80319c';
const T2 = '463ac35c9f6413ad48485a3953bb6124';
const S = 'b7ad6b7169203331';

function b3(encoding: B3InjectEncoding): B3Propagator {
  return new B3Propagator({ injectEncoding: encoding });
}

test('b3 + b3multi next to each other: the second is not extracted again, same result', () => {
  const single = b3(B3InjectEncoding.SINGLE_HEADER);
  const multi = b3(B3InjectEncoding.MULTI_HEADER);
  const spy = jest.spyOn(multi, 'extract');
  const composite = new CompositePropagator({ propagators: [single, multi] });
  const carrier = { b3: `${T1}-${S}-d` };
  const out = composite.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
  expect(spy).not.toHaveBeenCalled();
  const alone = single.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
  expect(trace.getSpanContext(out)).toEqual(trace.getSpanContext(alone));
  // Both still inject, and the description shows the chain as configured.
  const written: Record<string, string> = {};
  composite.inject(out, written, { set: (c, k, v) => ((c as Record<string, string>)[k] = v) });
  expect(Object.keys(written).sort()).toEqual(['b3', 'x-b3-flags', 'x-b3-spanid', 'x-b3-traceid']);
  expect(String(composite)).toBe('Composite[B3(single), B3(multi)]');
});

test('a member in between: the later B3 still runs and, last valid wins, decides', () => {
  const first = b3(B3InjectEncoding.SINGLE_HEADER);
  const last = b3(B3InjectEncoding.MULTI_HEADER);
  const spy = jest.spyOn(last, 'extract');
  const composite = new CompositePropagator({
    propagators: [first, new W3CTraceContextPropagator(), last],
  });
  const carrier = { b3: `${T1}-${S}-1`, traceparent: `00-${T2}-${S}-01` };
  const out = composite.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
  expect(spy).toHaveBeenCalledTimes(1);
  expect(trace.getSpanContext(out)?.traceId).toBe(T1);
});
