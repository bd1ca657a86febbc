/** Naming a wrong value in an error message, so the message says what was passed. */

/** A short description of a value for a message: `the class Foo`, `an object`, `the string "b3"`. */
export function whatIs(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'function') {
    const name = (value as { name?: unknown }).name;
    return `the function ${typeof name === 'string' && name !== '' ? name : '(anonymous)'}`;
  }
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    try {
      const ctor = (value as { constructor?: { name?: unknown } }).constructor?.name;
      if (typeof ctor === 'string' && ctor !== '' && ctor !== 'Object')
        return `an instance of ${ctor}`;
    } catch {
      // exotic objects
    }
    return 'an object';
  }
  return String(value);
}
