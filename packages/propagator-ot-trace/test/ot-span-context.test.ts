/**
 * The id and sampled checks of src/ot-span-context.ts, called directly, against the rule each row
 * quotes: REQUIREMENTS §12 "ot-tracer-traceid (16 or 32 hex), ot-tracer-spanid, ot-tracer-sampled";
 * §1 ids are lowercase hex and not all zero. Each id is checked in two parts (its first 8 chars,
 * then the rest: a speed measure, issue 19), so the rows put zeros and bad chars on either side of
 * that split. Expected values are written from the rule, not captured from the code.
 */
import { parseOTIds, parseSpanId, parseTraceId, readSampled } from '../src/ot-span-context';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const T64 = 'a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';
const PAD = '0000000000000000';

describe('parseTraceId: 16 or 32 lowercase hex, not all zero (16 → left-padded to 32)', () => {
  test.each<[string, unknown, string | undefined]>([
    ['§12 32 hex', T, T],
    ['§12 16 hex, padded', T64, PAD + T64],
    [
      '§1 the first 8 chars all zero, the rest not (32)',
      '00000000' + T.slice(8),
      '00000000' + T.slice(8),
    ],
    [
      '§1 the first 8 chars all zero, the rest not (16)',
      '00000000deadbeef',
      PAD + '00000000deadbeef',
    ],
    ['§1 only the last char non-zero', '0'.repeat(31) + '1', '0'.repeat(31) + '1'],
    ['§1 only the first char non-zero', '1' + '0'.repeat(31), '1' + '0'.repeat(31)],
    ['§1 all zero (32)', '0'.repeat(32), undefined],
    ['§1 all zero (16)', '0'.repeat(16), undefined],
    ['§1 not hex in the first 8 chars', 'z' + T.slice(1), undefined],
    ['§1 not hex after the first 8 chars', T.slice(0, 31) + 'z', undefined],
    ['§1 not hex at index 8', T.slice(0, 8) + 'g' + T.slice(9), undefined],
    ['§1 uppercase after zeros in the first 8', '00000000' + T.slice(8, 31) + 'A', undefined],
    ['§1 zeros then not hex in the rest', '00000000' + 'x'.repeat(24), undefined],
    ['§12 15 chars', T.slice(0, 15), undefined],
    ['§12 17 chars', T.slice(0, 17), undefined],
    ['§12 31 chars', T.slice(1), undefined],
    ['§12 33 chars (over the cap: not read)', T + '0', undefined],
    ['absent', undefined, undefined],
    ['§1 not text', 42, undefined],
    ['§1 empty', '', undefined],
    ['§1 first value of an array', [T, 'x'], T],
  ])('%s', (_rule, raw, expected) => {
    expect(parseTraceId(raw)).toBe(expected);
  });
});

describe('parseSpanId: exactly 16 lowercase hex, not all zero', () => {
  test.each<[string, unknown, string | undefined]>([
    ['§12 16 hex', S, S],
    ['§1 the first 8 chars all zero, the rest not', '00000000deadbeef', '00000000deadbeef'],
    ['§1 only the last char non-zero', '0'.repeat(15) + '1', '0'.repeat(15) + '1'],
    ['§1 all zero', '0'.repeat(16), undefined],
    ['§1 not hex in the first 8 chars', 'z' + S.slice(1), undefined],
    ['§1 not hex after the first 8 chars', S.slice(0, 15) + 'z', undefined],
    ['§1 zeros then not hex in the rest', '00000000' + 'x'.repeat(8), undefined],
    ['§12 15 chars', S.slice(1), undefined],
    ['§12 17 chars (over the cap: not read)', S + '1', undefined],
    ['absent', undefined, undefined],
    ['§1 not text', 42, undefined],
  ])('%s', (_rule, raw, expected) => {
    expect(parseSpanId(raw)).toBe(expected);
  });
});

describe('parseOTIds: both ids or nothing', () => {
  test.each<[string, unknown, unknown, { traceId: string; spanId: string } | undefined]>([
    ['both valid', T, S, { traceId: T, spanId: S }],
    ['16-char trace id padded', T64, S, { traceId: PAD + T64, spanId: S }],
    ['trace id invalid, span id valid', 'z'.repeat(32), S, undefined],
    ['trace id valid, span id invalid', T, 'z'.repeat(16), undefined],
    ['trace id absent', undefined, S, undefined],
    ['span id absent', T, undefined, undefined],
  ])('%s', (_rule, traceRaw, spanRaw, expected) => {
    expect(parseOTIds(traceRaw, spanRaw)).toEqual(expected);
  });
});

describe('readSampled: true / false in any ASCII case, 1 / 0; absent → false; else invalid', () => {
  test.each<[string, unknown, boolean | undefined]>([
    ['absent → not sampled', undefined, false],
    ['true', 'true', true],
    ['1', '1', true],
    ['false', 'false', false],
    ['0', '0', false],
    ['TRUE', 'TRUE', true],
    ['False', 'False', false],
    ['yes', 'yes', undefined],
    ['2', '2', undefined],
    ['empty', '', undefined],
    ['longer than false (not read)', 'falsey', undefined],
    ['not text', 1, undefined],
    ['null value of an array', [], undefined],
  ])('%s', (_rule, raw, expected) => {
    expect(readSampled(raw)).toBe(expected);
  });
});
