/**
 * Issue 20: "Make every comparison true against both official lines" — each claim of the README's
 * "What differs from `@opentelemetry/propagator-b3`" checked against 2.12 (what SDK 2 users run) and
 * 3.1 (the newest line, installed in tools/official-3x; it runs on Node 20 with engine warnings).
 */
import { join } from 'node:path';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  type Context,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { S, T32, P } from './helpers';

type OfficialB3 = typeof import('@opentelemetry/propagator-b3');
const REPO = join(__dirname, '..', '..', '..');
const lines: Array<[string, OfficialB3]> = [
  ['2.12', require('@opentelemetry/propagator-b3') as OfficialB3],
  [
    '3.1',
    require(
      require.resolve('@opentelemetry/propagator-b3', {
        paths: [join(REPO, 'tools', 'official-3x')],
      }),
    ) as OfficialB3,
  ],
];

const read = (p: TextMapPropagator, c: Record<string, string>) =>
  trace.getSpanContext(p.extract(ROOT_CONTEXT, c, defaultTextMapGetter));
const write = (p: TextMapPropagator, ctx: Context) => {
  const out: Record<string, string> = {};
  p.inject(ctx, out, defaultTextMapSetter);
  return out;
};

describe.each(lines)('@opentelemetry/propagator-b3 %s', (line, official) => {
  const single = new official.B3Propagator();
  const multi = new official.B3Propagator({
    injectEncoding: official.B3InjectEncoding.MULTI_HEADER,
  });

  it('exports B3Propagator only (no B3SinglePropagator / B3MultiPropagator), which reads both encodings', () => {
    expect(Object.keys(official)).not.toContain('B3SinglePropagator');
    expect(Object.keys(official)).not.toContain('B3MultiPropagator');
    expect(
      read(single, { 'x-b3-traceid': T32, 'x-b3-spanid': S, 'x-b3-sampled': '1' }),
    ).toBeDefined();
    expect(read(multi, { b3: `${T32}-${S}-1` })).toBeDefined();
  });

  it('accepts a valid-looking match inside a longer b3 (a fifth field)', () => {
    expect(read(single, { b3: `${T32}-${S}-1-${P}-junk` })?.traceId).toBe(T32);
  });

  it('accepts uppercase x-b3-traceid', () => {
    const c = { 'x-b3-traceid': T32.toUpperCase(), 'x-b3-spanid': S, 'x-b3-sampled': '1' };
    expect(read(multi, c)).toBeDefined();
  });

  it(`x-b3-traceid: 1 is ${line === '2.12' ? 'left-padded into a trace' : 'rejected'}`, () => {
    const sc = read(multi, { 'x-b3-traceid': '1', 'x-b3-spanid': S, 'x-b3-sampled': '1' });
    if (line === '2.12') expect(sc?.traceId).toBe('1'.padStart(32, '0'));
    else expect(sc).toBeUndefined();
  });

  it('rejects x-b3-sampled: TRUE', () => {
    expect(read(multi, { 'x-b3-traceid': T32, 'x-b3-spanid': S, 'x-b3-sampled': 'TRUE' })).toBe(
      undefined,
    );
  });

  it('an invalid b3 next to valid x-b3-* gives no trace', () => {
    const c = { b3: 'garbage', 'x-b3-traceid': T32, 'x-b3-spanid': S, 'x-b3-sampled': '1' };
    expect(read(single, c)).toBeUndefined();
  });

  it('does not find header names in other cases', () => {
    expect(read(single, { B3: `${T32}-${S}-1` })).toBeUndefined();
  });

  it('loses debug when the encoding changes (d → multi, x-b3-flags: 1 → single)', () => {
    const fromSingle = multi.extract(ROOT_CONTEXT, { b3: `${T32}-${S}-d` }, defaultTextMapGetter);
    expect(write(multi, fromSingle)['x-b3-flags']).toBeUndefined();
    const fromMulti = single.extract(
      ROOT_CONTEXT,
      { 'x-b3-traceid': T32, 'x-b3-spanid': S, 'x-b3-flags': '1' },
      defaultTextMapGetter,
    );
    expect(write(single, fromMulti).b3).toBe(`${T32}-${S}-1`);
  });

  it('passes a deferred b3 on as 0', () => {
    const ctx = single.extract(ROOT_CONTEXT, { b3: `${T32}-${S}` }, defaultTextMapGetter);
    expect(write(single, ctx).b3).toBe(`${T32}-${S}-0`);
  });

  it('lists x-b3-parentspanid in the multi fields()', () => {
    expect(multi.fields()).toContain('x-b3-parentspanid');
  });
});
