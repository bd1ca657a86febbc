/**
 * parseXRayTraceHeader, called directly (it is public API). Extract caps the value's length before
 * the parser sees it (firstValue), so the parser's own cap is only seen here: a caller of the
 * exported function gets the same bound (issue 20, MUTATION.md).
 */
import { isXRayRejection, parseXRayTraceHeader } from '@baton/propagator-aws-xray';
import { PARENT, ROOT } from './helpers';

const CAPS =
  'I16: "Work is bounded: cap the header length and the number of fields before parsing."';
const full = `Root=${ROOT};Parent=${PARENT};Sampled=1`;

describe(CAPS, () => {
  test('a value of 513 chars is rejected as too long, whatever its fields', () => {
    const value = `${full};Pad=${'x'.repeat(513 - full.length - 5)}`;
    expect(value).toHaveLength(513);
    expect(parseXRayTraceHeader(value)).toEqual({ rejected: 'longer than 512 chars' });
  });

  test('a value of 512 chars is read', () => {
    const value = `${full};Pad=${'x'.repeat(512 - full.length - 5)}`;
    expect(value).toHaveLength(512);
    const parsed = parseXRayTraceHeader(value);
    expect(isXRayRejection(parsed)).toBe(false);
  });
});
