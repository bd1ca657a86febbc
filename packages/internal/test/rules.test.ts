import { KEEPS_BATON_RULES, keepsBatonRules } from '@baton/internal';

describe('keepsBatonRules', () => {
  test.each([
    ['a propagator that promised', { [KEEPS_BATON_RULES]: true }, true],
    [
      'the same promise made through Symbol.for (another copy of internal)',
      { [Symbol.for('@baton/internal keeps-baton-rules')]: true },
      true,
    ],
    ['a truthy value that is not true', { [KEEPS_BATON_RULES]: 1 }, false],
    ['no promise', {}, false],
    ['null', null, false],
    ['a string', 'x', false],
  ])('%s → %s', (_name, p, expected) => expect(keepsBatonRules(p)).toBe(expected));

  test('a class field sets it on every instance', () => {
    class P {
      readonly [KEEPS_BATON_RULES] = true;
    }
    expect(keepsBatonRules(new P())).toBe(true);
  });
});
