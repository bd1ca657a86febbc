/**
 * The built-in rules for a custom header's value (REQUIREMENTS §6: "visible ASCII, no separators
 * that break headers, max length (default 256)").
 *
 * These rules are what make a value safe to write into an HTTP field, so they always apply; a
 * user's `validate` option can only narrow them, never widen them.
 *
 * - Every character is visible US-ASCII, 0x21–0x7E (RFC 9110 §5.5 `VCHAR`): no space, tab, CR,
 *   LF, NUL or other control character — nothing that can end the field or smuggle a second one —
 *   and nothing outside ASCII, so the value reads the same in every client library.
 * - No comma: a comma is the separator of a repeated field (RFC 9110 §5.3). Node's `http` joins a
 *   repeated custom header into `a, b`; without commas in values, the first member is unambiguous.
 * - 1 to `maxLength` characters (default 256).
 */

/** Default maximum length of a value, in characters (REQUIREMENTS §6). */
export const DEFAULT_MAX_LENGTH = 256;

/**
 * The largest `maxLength` a user may configure. Node's default limit for ALL request headers is
 * 16 KB (`--max-http-header-size`); a single identifier beyond 8 KB would make requests fail there.
 */
export const MAX_MAX_LENGTH = 8192;

const COMMA = 0x2c;

/** True when `code` may appear in a value: VCHAR (0x21–0x7E) except ",". */
export function isValueChar(code: number): boolean {
  return code > 0x20 && code < 0x7f && code !== COMMA;
}

/**
 * True when s[start, end) is a valid value of at most `maxLength` characters. Index arithmetic,
 * so the hot path allocates nothing before it knows the value is kept.
 */
export function isValidValueRange(
  s: string,
  start: number,
  end: number,
  maxLength: number,
): boolean {
  const length = end - start;
  if (length < 1 || length > maxLength) return false;
  for (let i = start; i < end; i++) {
    if (!isValueChar(s.charCodeAt(i))) return false;
  }
  return true;
}

/** Describes a character for an error message: `"\n" (U+000A)`. */
function describeChar(code: number): string {
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return `${JSON.stringify(String.fromCharCode(code))} (U+${hex})`;
}

/**
 * Checks a value set by code against the built-in rules and throws an error that names the
 * header, what is wrong, and the limit: a TypeError for the wrong type or a forbidden character,
 * a RangeError for the length. Used at the call that sets the value, never at inject time.
 */
export function assertValidValue(
  header: string,
  value: unknown,
  maxLength: number,
  /** False for platform-id, whose limit is the format's (PlatformIdPropagator takes no maxLength). */
  lengthOption = true,
): string {
  if (typeof value !== 'string') {
    throw new TypeError(
      `${header}: the value must be a string, got ${value === null ? 'null' : typeof value}`,
    );
  }
  if (value.length === 0) {
    throw new RangeError(
      `${header}: the value is empty; it must have 1 to ${maxLength} characters`,
    );
  }
  if (value.length > maxLength) {
    throw new RangeError(
      `${header}: the value has ${value.length} characters; the maximum is ${maxLength} ` +
        (lengthOption
          ? `(raise it with the maxLength option)`
          : `(the format's limit; a longer id needs a header of your own, createHeaderPropagator)`),
    );
  }
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (!isValueChar(code)) {
      throw new TypeError(
        `${header}: the value has the character ${describeChar(code)} at index ${i}; ` +
          `allowed are visible ASCII characters 0x21-0x7E except ","`,
      );
    }
  }
  return value;
}
