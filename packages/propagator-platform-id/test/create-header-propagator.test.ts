/**
 * createHeaderPropagator. §6: "builds the same for any header name (tenant id, request id), with
 * the same validation and a context key of its own". Issue 5: "returns a propagator plus its
 * get/set helpers and context key".
 */
import {
  ROOT_CONTEXT,
  defaultTextMapGetter,
  defaultTextMapSetter,
  type TextMapGetter,
} from '@opentelemetry/api';
import {
  createHeaderPropagator,
  getPlatformId,
  setPlatformId,
  PlatformIdPropagator,
} from '@baton/propagator-platform-id';

describe('a tenant header', () => {
  const tenant = createHeaderPropagator({ header: 'X-Tenant-Id' });

  test('the header name is lowercase everywhere (§1: fields() lowercase)', () => {
    expect(tenant.header).toBe('x-tenant-id');
    expect(tenant.propagator.fields()).toEqual(['x-tenant-id']);
  });
  // Lead: "`Header(<name>)` for createHeaderPropagator".
  test('toString() is Header(<name>)', () => {
    expect(String(tenant.propagator)).toBe('Header(x-tenant-id)');
  });
  test('extract any case, get, set, inject', () => {
    const ctx = tenant.propagator.extract(
      ROOT_CONTEXT,
      { 'X-TENANT-ID': 'acme' },
      defaultTextMapGetter,
    );
    expect(tenant.get(ctx)).toBe('acme');
    expect(ctx.getValue(tenant.key)).toBe('acme');
    const carrier: Record<string, string> = {};
    tenant.propagator.inject(tenant.set(ctx, 'globex'), carrier, defaultTextMapSetter);
    expect(carrier).toEqual({ 'x-tenant-id': 'globex' });
  });
  test('the helpers need no `this` (destructuring works)', () => {
    const { get, set } = tenant;
    expect(get(set(ROOT_CONTEXT, 'acme'))).toBe('acme');
  });
  test('a Kafka-style getter that keeps case: the keys() scan finds the header', () => {
    const headers = new Map<string, Buffer>([['X-Tenant-Id', Buffer.from('acme')]]);
    // Kafka header values are Buffers; the TextMapGetter type only admits strings.
    const getter: TextMapGetter<Map<string, Buffer>> = {
      get: (c, k) => c.get(k) as unknown as string | undefined,
      keys: (c) => [...c.keys()],
    };
    expect(tenant.get(tenant.propagator.extract(ROOT_CONTEXT, headers, getter))).toBe('acme');
  });
});

describe('a context key of its own', () => {
  test('two header propagators do not see each other', () => {
    const tenant = createHeaderPropagator({ header: 'x-tenant-id' });
    const request = createHeaderPropagator({ header: 'x-request-id' });
    const ctx = tenant.set(ROOT_CONTEXT, 'acme');
    expect(request.get(ctx)).toBeUndefined();
    const carrier: Record<string, string> = {};
    request.propagator.inject(ctx, carrier, defaultTextMapSetter);
    expect(carrier).toEqual({});
  });
  test('two calls for the same header are independent', () => {
    const a = createHeaderPropagator({ header: 'x-tenant-id' });
    const b = createHeaderPropagator({ header: 'x-tenant-id' });
    expect(a.key).not.toBe(b.key);
    expect(b.get(a.set(ROOT_CONTEXT, 'acme'))).toBeUndefined();
  });
  test('a factory-made "platform-id" does not touch getPlatformId', () => {
    const mine = createHeaderPropagator({ header: 'platform-id' });
    expect(getPlatformId(mine.set(ROOT_CONTEXT, 'x'))).toBeUndefined();
    expect(mine.get(setPlatformId(ROOT_CONTEXT, 'x'))).toBeUndefined();
  });
  test('every PlatformIdPropagator shares the one platform-id key', () => {
    const ctx = new PlatformIdPropagator().extract(
      ROOT_CONTEXT,
      { 'platform-id': 'p' },
      defaultTextMapGetter,
    );
    const carrier: Record<string, string> = {};
    new PlatformIdPropagator().inject(ctx, carrier, defaultTextMapSetter);
    expect(carrier).toEqual({ 'platform-id': 'p' });
  });
});

describe('options on the request path', () => {
  // Issue 5: "Options a user would want: maximum length, a custom validator, whether to inject."
  test('maxLength bounds extract', () => {
    const t = createHeaderPropagator({ header: 'x-short', maxLength: 3 });
    expect(
      t.get(t.propagator.extract(ROOT_CONTEXT, { 'x-short': 'abc' }, defaultTextMapGetter)),
    ).toBe('abc');
    expect(t.propagator.extract(ROOT_CONTEXT, { 'x-short': 'abcd' }, defaultTextMapGetter)).toBe(
      ROOT_CONTEXT,
    );
  });
  test('maxLength above the default accepts longer values', () => {
    const t = createHeaderPropagator({ header: 'x-long', maxLength: 1000 });
    const v = 'z'.repeat(1000);
    expect(t.get(t.propagator.extract(ROOT_CONTEXT, { 'x-long': v }, defaultTextMapGetter))).toBe(
      v,
    );
  });
  test('validate rejects on extract (false or throwing), leaving the context unchanged', () => {
    const t = createHeaderPropagator({
      header: 'x-request-id',
      validate: (v) => {
        if (v === 'boom') throw new Error('validator bug');
        return /^[0-9a-f]{8}$/.test(v);
      },
    });
    const read = (v: string) =>
      t.propagator.extract(ROOT_CONTEXT, { 'x-request-id': v }, defaultTextMapGetter);
    expect(t.get(read('0badcafe'))).toBe('0badcafe');
    expect(read('not-hex!')).toBe(ROOT_CONTEXT);
    expect(read('boom')).toBe(ROOT_CONTEXT);
  });
  test('validate returning a truthy non-boolean is not acceptance', () => {
    const t = createHeaderPropagator({
      header: 'x-a',
      validate: (() => 'yes') as unknown as () => boolean,
    });
    expect(t.propagator.extract(ROOT_CONTEXT, { 'x-a': 'v' }, defaultTextMapGetter)).toBe(
      ROOT_CONTEXT,
    );
    expect(t.isValid('v')).toBe(false);
  });
  test('validate sees only values that passed the built-in rules', () => {
    const seen: string[] = [];
    const t = createHeaderPropagator({
      header: 'x-a',
      validate: (v) => {
        seen.push(v);
        return true;
      },
    });
    t.propagator.extract(ROOT_CONTEXT, { 'x-a': 'bad value' }, defaultTextMapGetter);
    t.propagator.extract(ROOT_CONTEXT, { 'x-a': ' good , other' }, defaultTextMapGetter);
    expect(seen).toEqual(['good']);
  });
  test('inject: false', () => {
    const t = createHeaderPropagator({ header: 'x-a', inject: false });
    expect(t.propagator.fields()).toEqual([]);
    const carrier: Record<string, string> = {};
    t.propagator.inject(t.set(ROOT_CONTEXT, 'v'), carrier, defaultTextMapSetter);
    expect(carrier).toEqual({});
    expect(t.get(t.propagator.extract(ROOT_CONTEXT, { 'x-a': 'v' }, defaultTextMapGetter))).toBe(
      'v',
    );
  });
});
