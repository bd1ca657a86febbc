/**
 * explainHeaderValue: every rule of REQUIREMENTS §6 ("visible ASCII, no separators that break
 * headers, max length (default 256)") has a case, and explain's verdict equals extract's.
 */
import fc from 'fast-check';
import { ROOT_CONTEXT, defaultTextMapGetter } from '@opentelemetry/api';
import {
  PlatformIdPropagator,
  explainHeaderValue,
  getPlatformId,
} from '@baton/propagator-platform-id';

const propagator = new PlatformIdPropagator();

test.each([
  ['"visible ASCII": a space inside', 'plat 7', 'platform-id/character', 4],
  ['"visible ASCII": non-ASCII', 'platé', 'platform-id/character', 4],
  [
    '"no separators that break headers": a control character',
    'a\u0001b',
    'platform-id/character',
    1,
  ],
  ['"max length (default 256)"', 'x'.repeat(257), 'platform-id/too-long', 256],
  ['empty', '  ', 'platform-id/empty', 2],
])('%s', (_rule, value, ruleId, position) => {
  const e = explainHeaderValue(value);
  expect(e.valid).toBe(false);
  expect(e.error?.rule).toBe(ruleId);
  expect(e.error?.position).toBe(position);
});

test('a repeated header keeps its first member; another header name and length are honoured', () => {
  expect(explainHeaderValue('plat-7f3a, plat-2').fields).toEqual({
    value: 'plat-7f3a',
    repeated: true,
  });
  expect(explainHeaderValue('abcd', 'x-tenant', 3).error?.rule).toBe('x-tenant/too-long');
});

test('explainHeaderValue(v).valid === extract keeps v', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.string({ unit: fc.constantFrom('a', ' ', ',', '\t', 'é', '-'), maxLength: 12 }),
        fc.nat(300).map((n) => 'x'.repeat(n)),
      ),
      (v) => {
        const got = getPlatformId(
          propagator.extract(ROOT_CONTEXT, { 'platform-id': v }, defaultTextMapGetter),
        );
        const e = explainHeaderValue(v);
        expect(e.valid).toBe(got !== undefined);
        if (got !== undefined) expect(e.fields?.value).toBe(got);
      },
    ),
    { numRuns: 20_000 },
  );
});
