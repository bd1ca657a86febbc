/**
 * REQUIREMENTS §8: "Names trimmed, empty entries ignored, case-insensitive, duplicates dropped keeping
 * the first."
 */
import { DEFAULT_PROPAGATOR_NAMES } from '@baton/propagator-env';
import { invalidNameReason, parsePropagatorNames } from '../src/names';

describe('parsePropagatorNames', () => {
  test.each<[string, unknown, string[]]>([
    ['"Names trimmed"', '  b3 ,\tjaeger  ', ['b3', 'jaeger']],
    ['"empty entries ignored"', ',,b3,, ,', ['b3']],
    ['"case-insensitive"', 'TraceContext,B3MULTI', ['tracecontext', 'b3multi']],
    ['"duplicates dropped keeping the first"', 'b3,jaeger,B3, b3 ,jaeger', ['b3', 'jaeger']],
    ['"Unset or empty" (empty string)', '', []],
    ['"Unset or empty" (only separators and spaces)', ' , ,\t', []],
    ['"Unset or empty" (undefined)', undefined, []],
    ['an explicit list form: one name per entry', ['b3', 'tracecontext'], ['b3', 'tracecontext']],
    ['an explicit list form: entries may hold commas', ['b3, jaeger', 'B3'], ['b3', 'jaeger']],
    ['non-string entries contribute nothing', ['b3', 7, null, {}], ['b3']],
    ['a non-string value contributes nothing', 42, []],
    ['order is kept', 'jaeger,b3,tracecontext', ['jaeger', 'b3', 'tracecontext']],
  ])('%s: %j', (_rule, input, expected) => {
    expect(parsePropagatorNames(input)).toEqual(expected);
  });
});

test('OTEL-ENV: "Default value for OTEL_PROPAGATORS is `tracecontext,baggage`"', () => {
  expect([...DEFAULT_PROPAGATOR_NAMES]).toEqual(['tracecontext', 'baggage']);
});

describe('invalidNameReason: a registrable name survives a trip through OTEL_PROPAGATORS', () => {
  test.each<[unknown, string | undefined]>([
    ['my-header', undefined],
    ['  Tenant.ID_2 ', undefined],
    ['', 'empty'],
    ['   ', 'empty'],
    ['a,b', 'comma'],
    ['two words', 'visible ASCII'],
    ['caf\u00e9', 'visible ASCII'],
    ['tab\there', 'visible ASCII'],
    [42, 'must be a string'],
    [undefined, 'must be a string'],
  ])('%j', (name, expected) => {
    const reason = invalidNameReason(name);
    if (expected === undefined) expect(reason).toBeUndefined();
    else expect(reason).toContain(expected);
  });
});
