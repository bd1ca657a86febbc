/**
 * The options of `createHeaderPropagator`, checked once at construction. Bad configuration
 * throws there, with a message that says what to change (DESIGN: "configuration errors fail
 * loudly, at start-up"); the request path then never has to check anything twice.
 */
import { isToken } from '@baton/internal';
import { DEFAULT_MAX_LENGTH, MAX_MAX_LENGTH } from './value';

export interface HeaderPropagatorOptions {
  /** The header to carry, e.g. `x-tenant-id`. Any case; it is written and reported lowercase. */
  header: string;
  /** Longest accepted value, 1–8192 characters. Default 256. */
  maxLength?: number;
  /**
   * An extra check run after the built-in rules (visible ASCII, no comma, length), on extract and
   * on `set`. Return false to reject. It can narrow the built-in rules, never widen them. On
   * extract, a validator that throws counts as a rejection.
   */
  validate?: (value: string) => boolean;
  /** Write the header on inject. Default true; false makes an extract-only propagator. */
  inject?: boolean;
}

/** The options after checking, with defaults filled in. */
export interface ResolvedOptions {
  header: string;
  maxLength: number;
  validate: ((value: string) => boolean) | undefined;
  inject: boolean;
}

const KNOWN_OPTIONS = new Set(['header', 'maxLength', 'validate', 'inject']);

/**
 * Headers that frame or route the HTTP message itself. Writing one from a propagator would corrupt
 * or smuggle requests, so a propagator for them is refused.
 */
const FORBIDDEN_HEADERS = new Set([
  'connection',
  'content-length',
  'expect',
  'host',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export function resolveOptions(options: HeaderPropagatorOptions): ResolvedOptions {
  const where = 'createHeaderPropagator';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: pass an options object, e.g. { header: 'x-tenant-id' }`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw new TypeError(
        `${where}: unknown option "${key}"; the options are ${[...KNOWN_OPTIONS].join(', ')}`,
      );
    }
  }
  const { header, maxLength = DEFAULT_MAX_LENGTH, validate, inject = true } = options;
  if (typeof header !== 'string' || !isToken(header)) {
    throw new TypeError(
      `${where}: option "header" must be a header name (letters, digits and !#$%&'*+-.^_\`|~), ` +
        `got ${JSON.stringify(header)}`,
    );
  }
  const lower = header.toLowerCase();
  if (FORBIDDEN_HEADERS.has(lower)) {
    throw new TypeError(
      `${where}: option "header" cannot be "${lower}": it frames the HTTP message; choose a name of your own`,
    );
  }
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > MAX_MAX_LENGTH) {
    throw new RangeError(
      `${where}: option "maxLength" must be an integer from 1 to ${MAX_MAX_LENGTH}, got ${String(maxLength)}`,
    );
  }
  if (validate !== undefined && typeof validate !== 'function') {
    throw new TypeError(`${where}: option "validate" must be a function (value) => boolean`);
  }
  if (typeof inject !== 'boolean') {
    throw new TypeError(`${where}: option "inject" must be true or false, got ${String(inject)}`);
  }
  return { header: lower, maxLength, validate, inject };
}
