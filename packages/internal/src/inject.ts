import type { TextMapSetter } from '@opentelemetry/api';

/**
 * Calls setter.set and swallows what it throws: inject never throws (REQUIREMENTS §1), even
 * with a carrier the caller froze or a setter of their own that fails.
 */
export function safeSet(carrier: unknown, setter: TextMapSetter, key: string, value: string): void {
  try {
    setter.set(carrier, key, value);
  } catch {
    // The request goes on without this header rather than failing.
  }
}
