/**
 * REQUIREMENTS §8: "A `describe` function returns what was resolved, e.g.
 * `Composite[W3CTraceContext, W3CBaggage, B3(multi), Jaeger]`, so a user can see their configuration."
 */
import { describePropagator, resolvePropagators } from '@baton/propagator-env';
import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { labelPropagator } from './helpers';

const base = { inject() {}, extract: <T>(c: T) => c, fields: (): string[] => [] };

/** A propagator whose toString is `toString` (typed loosely: tests feed it bad values on purpose). */
function withToString(toString: () => unknown): TextMapPropagator {
  return { ...base, toString } as unknown as TextMapPropagator;
}

test.each<[string, TextMapPropagator | null | undefined, string]>([
  ['a Baton-style toString() is the description', labelPropagator('b'), 'Label(b)'],
  [
    'a propagator without its own toString: its class name (core)',
    new W3CTraceContextPropagator(),
    'W3CTraceContextPropagator',
  ],
  ['core CompositePropagator: its class name', new CompositePropagator(), 'CompositePropagator'],
  ['a plain object without toString', { ...base }, 'TextMapPropagator'],
  [
    'a toString that throws',
    withToString(() => {
      throw new Error('x');
    }),
    'TextMapPropagator',
  ],
  [
    'a toString returning a non-string: class name fallback',
    withToString(() => 42),
    'TextMapPropagator',
  ],
  ['one line: control characters become spaces', withToString(() => 'A\nB\r\tC'), 'A B  C'],
  ['null', null, 'None'],
  ['undefined', undefined, 'None'],
])('%s', (_case, p, expected) => {
  expect(describePropagator(p)).toBe(expected);
});

test('a very long description is cut, for one log line', () => {
  const d = describePropagator(withToString(() => 'x'.repeat(10_000)));
  expect(d.length).toBe(513);
  expect(d.endsWith('…')).toBe(true);
});

test.each([
  ['ottrace', 'OTTrace'],
  ['gcp', 'CloudTrace'],
  ['oneway-gcp', 'CloudTrace(one-way)'],
  ['tracecontext,oneway-gcp', 'Composite[W3CTraceContext, CloudTrace(one-way)]'],
])('issue 19: describePropagator names the format of %s', (name, expected) => {
  expect(describePropagator(resolvePropagators(name))).toBe(expected);
});
