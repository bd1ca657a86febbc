/**
 * platform-id: @baton/propagator-platform-id (built). There is no official counterpart, so the
 * "official" column of the rows is a NAIVE BASELINE: the custom propagator people typically write
 * (getter.get of the lowercase name, a regular expression to validate, setValue) — it does less
 * (no case-insensitive fallback, arrays, Buffers, OWS, comma-joined repeats) and is shown only to
 * put Baton's cost in proportion. The scaling items are the point: hostile input up to 1 MB.
 * Build first: npx tsc -b packages/propagator-platform-id/tsconfig.build.json
 */
'use strict';
const api = require('@opentelemetry/api');
const baton = require('@baton/propagator-platform-id');

const { ROOT_CONTEXT, defaultTextMapGetter: getter, defaultTextMapSetter: setter } = api;

const propagator = new baton.PlatformIdPropagator();

const NAIVE_KEY = api.createContextKey('naive platform id');
const NAIVE_VALID = /^[\x21-\x2b\x2d-\x7e]{1,256}$/;
const naive = {
  extract(ctx, carrier, g) {
    const v = g.get(carrier, 'platform-id');
    return typeof v === 'string' && NAIVE_VALID.test(v) ? ctx.setValue(NAIVE_KEY, v) : ctx;
  },
  inject(ctx, carrier, s) {
    const v = ctx.getValue(NAIVE_KEY);
    if (typeof v === 'string') s.set(carrier, 'platform-id', v);
  },
};

const valid = { 'platform-id': 'tenant-7f3a9c' };
const mixedCase = { 'Platform-Id': 'tenant-7f3a9c', 'content-type': 'text/plain', accept: '*/*' };
const invalid = { 'platform-id': 'bad\r\nvalue' };
const absent = { 'content-type': 'application/json', accept: '*/*' };
const withId = baton.setPlatformId(ROOT_CONTEXT, 'tenant-7f3a9c');
const naiveWithId = ROOT_CONTEXT.setValue(NAIVE_KEY, 'tenant-7f3a9c');

module.exports = {
  name: 'platform-id',
  rows: [
    {
      label: 'extract valid (vs naive baseline)',
      baton: () => propagator.extract(ROOT_CONTEXT, valid, getter),
      official: () => naive.extract(ROOT_CONTEXT, valid, getter),
    },
    {
      label: 'extract invalid (vs naive baseline)',
      baton: () => propagator.extract(ROOT_CONTEXT, invalid, getter),
      official: () => naive.extract(ROOT_CONTEXT, invalid, getter),
    },
    {
      label: 'extract absent (vs naive baseline)',
      baton: () => propagator.extract(ROOT_CONTEXT, absent, getter),
      official: () => naive.extract(ROOT_CONTEXT, absent, getter),
    },
    {
      // The naive baseline misses this header entirely (no keys() scan): a correctness gap, not speed.
      label: 'extract mixed-case name (vs naive baseline, which misses it)',
      baton: () => propagator.extract(ROOT_CONTEXT, mixedCase, getter),
      official: () => naive.extract(ROOT_CONTEXT, mixedCase, getter),
    },
    {
      label: 'inject (vs naive baseline)',
      baton: () => {
        const c = {};
        propagator.inject(withId, c, setter);
        return c;
      },
      official: () => {
        const c = {};
        naive.inject(naiveWithId, c, setter);
        return c;
      },
    },
  ],
  scaling: [
    {
      label: 'platform-id: N bytes of valid chars',
      make: (bytes) => ({ 'platform-id': 'a'.repeat(bytes) }),
      run: (carrier) => propagator.extract(ROOT_CONTEXT, carrier, getter),
    },
    {
      label: 'platform-id: N bytes of spaces',
      make: (bytes) => ({ 'platform-id': ' '.repeat(bytes) }),
      run: (carrier) => propagator.extract(ROOT_CONTEXT, carrier, getter),
    },
    {
      label: 'platform-id: "id, " + N bytes',
      make: (bytes) => ({ 'platform-id': 'id, ' + 'x,'.repeat(bytes / 2) }),
      run: (carrier) => propagator.extract(ROOT_CONTEXT, carrier, getter),
    },
    {
      label: 'platform-id: N-byte Buffer',
      make: (bytes) => ({ 'platform-id': Buffer.alloc(bytes, 0x61) }),
      run: (carrier) => propagator.extract(ROOT_CONTEXT, carrier, getter),
    },
    {
      label: 'Platform-Id among N bytes of other headers',
      make: (bytes) => {
        const carrier = {};
        for (let i = 0; i < bytes / 32; i++) carrier[`x-filler-${i}`] = 'f'.repeat(16);
        carrier['Platform-Id'] = 'p';
        return carrier;
      },
      run: (carrier) => propagator.extract(ROOT_CONTEXT, carrier, getter),
    },
  ],
};
