/** The composite reads the API's span and baggage keys directly: they must be the API's own. */
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { baggageOf, spanOf } from '../src/keys';
import { remote, S1, T1 } from './support';

test('spanOf reads what trace.setSpanContext wrote', () => {
  const ctx = trace.setSpanContext(ROOT_CONTEXT, remote(T1, S1));
  expect(spanOf(ctx)).toBe(trace.getSpan(ctx));
  expect(spanOf(ctx)?.spanContext().traceId).toBe(T1);
  expect(spanOf(ROOT_CONTEXT)).toBeUndefined();
});

test('baggageOf reads what propagation.setBaggage wrote', () => {
  const bag = propagation.createBaggage({ k: { value: 'v' } });
  expect(baggageOf(propagation.setBaggage(ROOT_CONTEXT, bag))).toBe(bag);
  expect(baggageOf(ROOT_CONTEXT)).toBeUndefined();
});
