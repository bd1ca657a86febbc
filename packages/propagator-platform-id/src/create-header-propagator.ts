/**
 * `createHeaderPropagator({ header, ... })`: a propagator for any header of your own (tenant id,
 * request id), plus the helpers code uses to read and set the value (REQUIREMENTS §6).
 */
import type { Context } from '@opentelemetry/api';
import { HeaderPropagator, type HeaderRules } from './header-propagator';
import { resolveOptions, type HeaderPropagatorOptions } from './options';
import { assertValidValue, isValidValueRange } from './value';

/** What createHeaderPropagator returns. The functions need no `this`: destructure them freely. */
export interface HeaderPropagation {
  /** The lowercase header name. */
  readonly header: string;
  /** The context key the value lives under; unique to this call of createHeaderPropagator. */
  readonly key: symbol;
  /** The propagator: give it to a composite, the SDK, or `registerPropagator`. */
  readonly propagator: HeaderPropagator;
  /** The value in `context`, or undefined. */
  get(context: Context): string | undefined;
  /**
   * A context holding `value`. Throws (TypeError / RangeError naming the header, the problem and
   * the limit) when the value breaks the rules — here, at the call, never later at inject time.
   */
  set(context: Context, value: string): Context;
  /** True when `value` would be accepted by `set` and by extract. Never throws. */
  isValid(value: unknown): value is string;
}

/** Builds the propagator and helpers for checked rules; shared with the platform-id definition. */
export function defineHeader(
  rules: HeaderRules,
  description: string,
  /** Whether the caller could have passed `maxLength` (false for platform-id: see value.ts). */
  lengthOption = true,
): HeaderPropagation {
  const { header, key, maxLength, validate } = rules;

  function get(context: Context): string | undefined {
    const value = context.getValue(key);
    return typeof value === 'string' ? value : undefined;
  }

  function set(context: Context, value: string): Context {
    assertValidValue(header, value, maxLength, lengthOption);
    if (validate !== undefined) {
      let accepted: boolean;
      try {
        accepted = validate(value) === true;
      } catch (cause) {
        throw new TypeError(`${header}: the validate option threw for ${JSON.stringify(value)}`, {
          cause,
        });
      }
      if (!accepted) {
        throw new TypeError(
          `${header}: the value ${JSON.stringify(value)} was rejected by the validate option`,
        );
      }
    }
    return context.setValue(key, value);
  }

  function isValid(value: unknown): value is string {
    if (typeof value !== 'string' || !isValidValueRange(value, 0, value.length, maxLength)) {
      return false;
    }
    if (validate === undefined) return true;
    try {
      return validate(value) === true;
    } catch {
      return false;
    }
  }

  return { header, key, propagator: new HeaderPropagator(rules, description), get, set, isValid };
}

/**
 * A propagator for `options.header`, with its own context key and get/set helpers.
 *
 * ```ts
 * const tenant = createHeaderPropagator({ header: 'x-tenant-id', maxLength: 64 });
 * const ctx = tenant.set(context.active(), 'acme');
 * tenant.get(ctx); // 'acme'
 * ```
 *
 * Throws at once for bad options (not a header name, a framing header such as `content-length`,
 * maxLength outside 1–8192, an unknown option).
 */
export function createHeaderPropagator(options: HeaderPropagatorOptions): HeaderPropagation {
  const resolved = resolveOptions(options);
  // Symbol(), not createContextKey's Symbol.for(): two calls for the same header are two
  // independent propagators and must not read each other's values.
  const key = Symbol(`@baton/propagator-platform-id ${resolved.header}`);
  return defineHeader({ ...resolved, key }, `Header(${resolved.header})`);
}
