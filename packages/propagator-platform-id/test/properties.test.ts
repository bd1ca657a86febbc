/**
 * Property tests (standards: at least 100,000 generated carriers for never-throws / valid values /
 * inject∘extract round-trip). §1: "Extract never throws, for any carrier"; §6: "invalid → ignored
 * on extract"; issue 5: "Inject writes it back when the context holds one".
 */
import fc from 'fast-check';
import {
  ROOT_CONTEXT,
  createContextKey,
  defaultTextMapGetter,
  defaultTextMapSetter,
} from '@opentelemetry/api';
import {
  PlatformIdPropagator,
  createHeaderPropagator,
  getPlatformId,
  setPlatformId,
} from '@baton/propagator-platform-id';

const RUNS = { numRuns: 100_000 };
const propagator = new PlatformIdPropagator();
const UNRELATED = createContextKey('unrelated');
const base = ROOT_CONTEXT.setValue(UNRELATED, 'x');

/** The rule from REQUIREMENTS §6 as the spec states it, independent of the implementation. */
const VALID = /^[\x21-\x2b\x2d-\x7e]{1,256}$/;

/**
 * An oracle for one string header value: optional spaces/tabs, then the value, then optional
 * spaces/tabs, then a comma or the end (the first member of a comma-joined repeat).
 */
function oracle(raw: string): string | undefined {
  const m = /^[ \t]*([^ \t,]*)[ \t]*(?:,|$)/.exec(raw);
  return m !== null && VALID.test(m[1]) ? m[1] : undefined;
}

/** Characters near the edges of the rules: controls, space, comma, DEL, non-ASCII, surrogates. */
const edgyChar = fc.constantFrom(
  '\u0000',
  '\t',
  '\n',
  '\r',
  ' ',
  ',',
  '\u007f',
  '\u0080',
  'é',
  '\ud800',
  '\udfff',
  '😀',
  'a',
  'Z',
  '0',
  '-',
  '~',
  '!',
);
const edgyString = fc.oneof(
  fc.string({ unit: edgyChar, maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  // Around the 256 limit, with a space or comma placed somewhere (built by repetition: fast).
  fc
    .tuple(fc.integer({ min: 250, max: 262 }), fc.constantFrom('', ' ', ',', '\n'), fc.nat(262))
    .map(([n, ch, at]) => {
      const s = 'a'.repeat(n);
      return ch === '' ? s : s.slice(0, at % n) + ch + s.slice(at % n);
    }),
);
const value = fc.oneof(
  edgyString,
  fc.array(edgyString, { maxLength: 3 }),
  fc.uint8Array({ maxLength: 12 }).map((u) => Buffer.from(u)),
  fc.constantFrom(undefined, null, 0, 42, true, {}, [], [[]]),
);
const headerName = fc.oneof(
  fc.constantFrom('platform-id', 'Platform-Id', 'PLATFORM-ID', 'platform_id', 'x-platform-id'),
  fc.string({ maxLength: 12 }),
);
const carrier = fc.oneof(
  { weight: 9, arbitrary: fc.dictionary(headerName, value, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, 'platform-id: a', 7, []) },
);

test('extract never throws, and either leaves the context unchanged or holds a valid value', () => {
  fc.assert(
    fc.property(carrier, (c) => {
      const out = propagator.extract(base, c, defaultTextMapGetter);
      if (out === base) return true;
      const id = getPlatformId(out);
      return id !== undefined && VALID.test(id) && out.getValue(UNRELATED) === 'x';
    }),
    RUNS,
  );
});

test('extract of a string value agrees with the spec oracle', () => {
  const raw = fc.oneof(
    edgyString,
    fc.tuple(edgyString, edgyString).map(([a, b]) => `${a}, ${b}`),
  );
  fc.assert(
    fc.property(raw, (r) => {
      const out = propagator.extract(base, { 'platform-id': r }, defaultTextMapGetter);
      const expected = oracle(r);
      return expected === undefined ? out === base : getPlatformId(out) === expected;
    }),
    RUNS,
  );
});

/** Any value the spec allows: 1–256 of VCHAR minus ",". Mostly short (fast), sometimes long. */
const VALID_CHARS = Array.from({ length: 0x7f - 0x21 }, (_, i) =>
  String.fromCharCode(0x21 + i),
).filter((c) => c !== ',');
const validChar = fc.constantFrom(...VALID_CHARS);
const validValue = fc.oneof(
  { weight: 20, arbitrary: fc.string({ unit: validChar, minLength: 1, maxLength: 16 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.string({ unit: validChar, minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 256 }),
      )
      .map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)),
  },
);

test('inject∘extract round-trips every valid value', () => {
  fc.assert(
    fc.property(validValue, (v) => {
      const carrier: Record<string, string> = {};
      propagator.inject(setPlatformId(ROOT_CONTEXT, v), carrier, defaultTextMapSetter);
      if (Object.keys(carrier).length !== 1 || carrier['platform-id'] !== v) return false;
      return getPlatformId(propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter)) === v;
    }),
    RUNS,
  );
});

test('set accepts exactly what extract accepts (no value passes one and fails the other)', () => {
  const tenant = createHeaderPropagator({ header: 'x-tenant-id', maxLength: 8 });
  fc.assert(
    fc.property(fc.oneof(edgyString, validValue), (v) => {
      let setOk = true;
      try {
        tenant.set(ROOT_CONTEXT, v);
      } catch {
        setOk = false;
      }
      const extracted = tenant.propagator.extract(ROOT_CONTEXT, [v], {
        get: (c, k) => (k === 'x-tenant-id' ? (c as string[])[0] : undefined),
        keys: () => ['x-tenant-id'],
      });
      const extractOk = tenant.get(extracted) === v;
      return setOk === extractOk && tenant.isValid(v) === setOk;
    }),
    RUNS,
  );
});
