/**
 * The packages' explain APIs, as the CLI and the diagnostics call them: "must never throw on any
 * input either, and must be bounded" — anything at all, hostile objects and 1 MB strings included.
 */
import fc from 'fast-check';
import { explainBaggage, explainTraceparent, explainTracestate } from '@baton/propagator-w3c';
import { explainB3Multi, explainB3Single } from '@baton/propagator-b3';
import { explainJaegerBaggage, explainUberTraceId, explainUberctx } from '@baton/propagator-jaeger';
import { explainHeaderValue } from '@baton/propagator-platform-id';

const EXPLAIN: Array<[string, (v: unknown) => { valid: boolean }]> = [
  ['explainTraceparent', explainTraceparent],
  ['explainTracestate', explainTracestate],
  ['explainBaggage', explainBaggage],
  ['explainB3Single', explainB3Single],
  ['explainB3Multi', (v) => explainB3Multi({ traceId: v, spanId: v, sampled: v, flags: v })],
  ['explainUberTraceId', explainUberTraceId],
  ['explainUberctx', (v) => explainUberctx(v, v)],
  ['explainJaegerBaggage', explainJaegerBaggage],
  ['explainHeaderValue', (v) => explainHeaderValue(v)],
];

const hostile = {
  get length(): number {
    throw new Error('boom');
  },
  toString(): string {
    throw new Error('boom');
  },
};

describe.each(EXPLAIN)('%s', (_name, explain) => {
  test('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(typeof explain(v).valid).toBe('boolean');
      }),
      { numRuns: 2_000 },
    );
    for (const v of [
      hostile,
      [hostile],
      new Uint8Array([0xff, 0x00, 0x2d]),
      Symbol('s'),
      () => 1,
    ]) {
      expect(typeof explain(v).valid).toBe('boolean');
    }
  });

  test('a 1 MB value gets an answer: work is capped by the format limits, as in extract', () => {
    for (const v of ['-'.repeat(1 << 20), `${'a'.repeat(1 << 20)}=1`, '%'.repeat(1 << 20)]) {
      const e = explain(v);
      expect(typeof e.valid).toBe('boolean');
    }
  });
});
