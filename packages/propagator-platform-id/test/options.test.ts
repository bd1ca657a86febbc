/**
 * Bad configuration. DESIGN: "Configuration errors (a bad option, a duplicate registry name) are
 * the opposite: they fail loudly, at start-up, with a message that says what to change."
 */
import {
  PlatformIdPropagator,
  createHeaderPropagator,
  type HeaderPropagatorOptions,
} from '@baton/propagator-platform-id';

describe('createHeaderPropagator throws for bad options', () => {
  test.each<[string, unknown, ErrorConstructor, RegExp]>([
    ['no options', undefined, TypeError, /pass an options object/],
    ['header missing', {}, TypeError, /option "header" must be a header name.*got undefined/],
    ['header empty', { header: '' }, TypeError, /option "header" must be a header name/],
    ['header with a space', { header: 'x tenant' }, TypeError, /got "x tenant"/],
    ['header with a colon', { header: 'x-tenant:' }, TypeError, /must be a header name/],
    ['header with CRLF', { header: 'x\r\ny' }, TypeError, /must be a header name/],
    ['header non-ASCII', { header: 'x-tenänt' }, TypeError, /must be a header name/],
    ['header a number', { header: 42 }, TypeError, /must be a header name/],
    [
      'framing header',
      { header: 'Content-Length' },
      TypeError,
      /cannot be "content-length": it frames/,
    ],
    ['framing header host', { header: 'host' }, TypeError, /cannot be "host"/],
    [
      'transfer-encoding',
      { header: 'transfer-encoding' },
      TypeError,
      /cannot be "transfer-encoding"/,
    ],
    [
      'maxLength 0',
      { header: 'x-a', maxLength: 0 },
      RangeError,
      /"maxLength" must be an integer from 1 to 8192, got 0/,
    ],
    [
      'maxLength too big',
      { header: 'x-a', maxLength: 8193 },
      RangeError,
      /from 1 to 8192, got 8193/,
    ],
    ['maxLength fraction', { header: 'x-a', maxLength: 1.5 }, RangeError, /got 1.5/],
    ['maxLength NaN', { header: 'x-a', maxLength: NaN }, RangeError, /got NaN/],
    ['maxLength string', { header: 'x-a', maxLength: '64' }, RangeError, /got 64/],
    [
      'validate not a function',
      { header: 'x-a', validate: /x/ },
      TypeError,
      /"validate" must be a function/,
    ],
    [
      'inject not boolean',
      { header: 'x-a', inject: 'no' },
      TypeError,
      /"inject" must be true or false, got no/,
    ],
    [
      'unknown option (typo)',
      { header: 'x-a', maxLen: 5 },
      TypeError,
      /unknown option "maxLen"; the options are header, maxLength, validate, inject/,
    ],
  ])('%s', (_name, options, errorType, message) => {
    const build = () => createHeaderPropagator(options as HeaderPropagatorOptions);
    expect(build).toThrow(errorType);
    expect(build).toThrow(message);
  });

  test('boundary values are accepted', () => {
    expect(createHeaderPropagator({ header: 'x-a', maxLength: 1 }).propagator.fields()).toEqual([
      'x-a',
    ]);
    expect(createHeaderPropagator({ header: 'x-a', maxLength: 8192 }).header).toBe('x-a');
    expect(createHeaderPropagator({ header: "!#$%&'*+-.^_`|~09AZaz" }).header).toBe(
      "!#$%&'*+-.^_`|~09azaz",
    );
  });
});

describe('PlatformIdPropagator throws for bad options', () => {
  test.each<[string, unknown, RegExp]>([
    ['null', null, /pass an options object/],
    [
      'unknown option',
      { header: 'x' },
      /unknown option "header"; the only option is inject.*createHeaderPropagator/,
    ],
    ['maxLength is not an option here', { maxLength: 5 }, /unknown option "maxLength"/],
    ['inject not boolean', { inject: 1 }, /"inject" must be true or false, got 1/],
  ])('%s', (_name, options, message) => {
    expect(() => new PlatformIdPropagator(options as object)).toThrow(TypeError);
    expect(() => new PlatformIdPropagator(options as object)).toThrow(message);
  });
  test('no argument and {} are accepted', () => {
    expect(new PlatformIdPropagator().fields()).toEqual(['platform-id']);
    expect(new PlatformIdPropagator({}).fields()).toEqual(['platform-id']);
  });
});
