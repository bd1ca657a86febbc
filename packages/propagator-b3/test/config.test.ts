/** DESIGN: "Bad configuration: throw at construction with a message that says what to change." */
import { B3InjectEncoding, B3Propagator, B3Sampler, createB3Sampler } from '@baton/propagator-b3';

describe('B3Propagator options', () => {
  test.each([
    [
      { injectEncoding: 2 },
      /injectEncoding must be B3InjectEncoding.SINGLE_HEADER \(0\) or B3InjectEncoding.MULTI_HEADER \(1\), got 2/,
    ],
    [{ injectEncoding: 'multi' }, /injectEncoding must be .* got multi/],
    [{ emit64BitTraceIds: 'yes' }, /emit64BitTraceIds must be true or false, got yes/],
    [
      { injectEncodng: 1 },
      /unknown option 'injectEncodng'; the options are injectEncoding, emit64BitTraceIds/,
    ],
    ['multi', /the config must be an object/],
  ])('%p is rejected', (config, message) => {
    expect(() => new B3Propagator(config as never)).toThrow(message);
  });

  test.each([
    [undefined, 'B3(single)'],
    [null, 'B3(single)'],
    [{}, 'B3(single)'],
    [{ injectEncoding: undefined }, 'B3(single)'],
    [{ injectEncoding: B3InjectEncoding.SINGLE_HEADER }, 'B3(single)'],
    [{ injectEncoding: B3InjectEncoding.MULTI_HEADER }, 'B3(multi)'],
    [{ injectEncoding: B3InjectEncoding.MULTI_HEADER, emit64BitTraceIds: true }, 'B3(multi)'],
  ])('%p is accepted', (config, description) => {
    expect(String(new B3Propagator(config as never))).toBe(description);
  });

  test('B3InjectEncoding has the official numbers', () => {
    expect(B3InjectEncoding.SINGLE_HEADER).toBe(0);
    expect(B3InjectEncoding.MULTI_HEADER).toBe(1);
  });
});

describe('B3Sampler', () => {
  test.each([undefined, null, {}, 'AlwaysOn'])('root %p is rejected', (root) => {
    expect(() => new B3Sampler(root as never)).toThrow(/pass the root sampler to wrap/);
    expect(() => createB3Sampler(root as never)).toThrow(/pass the root sampler to wrap/);
  });
});
