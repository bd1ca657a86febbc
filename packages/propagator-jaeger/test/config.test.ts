/**
 * Construction: the official package's constructor forms (REQUIREMENTS §5 "Options as the official
 * package"), fields() (§1), toString() (the description convention), and loud failure on bad
 * configuration (DESIGN: "Configuration errors ... fail loudly, at start-up").
 */
import {
  JaegerPropagator,
  UBER_BAGGAGE_HEADER_PREFIX,
  UBER_TRACE_ID_HEADER,
} from '@baton/propagator-jaeger';
import { inject, withBaggage, withSpan } from './helpers';

describe('constructor forms', () => {
  test.each<[string, ConstructorParameters<typeof JaegerPropagator>[0], string[], string]>([
    ['no argument', undefined, ['uber-trace-id'], 'Jaeger'],
    ['a string: the custom trace header', 'x-custom', ['x-custom'], 'Jaeger(x-custom)'],
    ['{ customTraceHeader }', { customTraceHeader: 'x-custom' }, ['x-custom'], 'Jaeger(x-custom)'],
    [
      '{ customBaggageHeaderPrefix } only',
      { customBaggageHeaderPrefix: 'x-bag' },
      ['uber-trace-id'],
      'Jaeger',
    ],
    ['{} → defaults', {}, ['uber-trace-id'], 'Jaeger'],
    [
      "'' → default (as the official package's ||)",
      { customTraceHeader: '' },
      ['uber-trace-id'],
      'Jaeger',
    ],
    [
      'header names are lowercased (§1 fields() lowercase)',
      'X-Custom-Trace',
      ['x-custom-trace'],
      'Jaeger(x-custom-trace)',
    ],
    [
      'the default name given explicitly',
      { customTraceHeader: 'uber-trace-id' },
      ['uber-trace-id'],
      'Jaeger',
    ],
  ])('%s', (_name, config, fields, description) => {
    const p = new JaegerPropagator(config);
    expect(p.fields()).toEqual(fields);
    expect(String(p)).toBe(description);
  });

  test('exported constants are the official ones', () => {
    expect(UBER_TRACE_ID_HEADER).toBe('uber-trace-id');
    expect(UBER_BAGGAGE_HEADER_PREFIX).toBe('uberctx');
  });

  test('fields() returns a copy: callers cannot change the propagator', () => {
    const p = new JaegerPropagator();
    p.fields().push('x');
    expect(p.fields()).toEqual(['uber-trace-id']);
  });

  test('an uppercase custom prefix writes lowercase headers', () => {
    const p = new JaegerPropagator({ customBaggageHeaderPrefix: 'X-Bag' });
    expect(inject(p, withBaggage({ a: '1' }, withSpan()))).toHaveProperty('x-bag-a', '1');
  });
});

describe('bad configuration throws at construction with what to change', () => {
  test.each<[string, unknown, RegExp]>([
    ['a header name with a space', 'x trace', /not a valid HTTP header name/],
    [
      'a header name with a colon',
      { customTraceHeader: 'x:trace' },
      /customTraceHeader "x:trace" is not a valid HTTP header name/,
    ],
    ['a prefix with CR/LF', { customBaggageHeaderPrefix: 'a\r\nb' }, /customBaggageHeaderPrefix/],
    ['a non-ASCII header name', 'trâce', /not a valid HTTP header name/],
    ['a number', { customTraceHeader: 42 }, /customTraceHeader must be a string/],
    ['a misspelt option', { customTraceHeaders: 'x' }, /unknown option "customTraceHeaders"/],
    ['not a string or object', 42, /expected a header name or/],
    [
      'a trace header inside the baggage prefix',
      { customTraceHeader: 'uberctx-trace' },
      /starts with the baggage prefix "uberctx-"/,
    ],
  ])('%s', (_name, config, message) => {
    expect(() => new JaegerPropagator(config as never)).toThrow(message);
  });
});
