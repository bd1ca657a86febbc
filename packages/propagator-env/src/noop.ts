/**
 * What `OTEL_PROPAGATORS=none` resolves to: a propagator that reads and writes nothing.
 *
 * OTEL-ENV: `"none"`: No automatically configured propagator. An object (rather than `undefined`) so
 * `new NodeSDK({ textMapPropagator })` registers it and the SDK's own default does not sneak back in.
 */
import type { Context, TextMapPropagator } from '@opentelemetry/api';

export class NoopPropagator implements TextMapPropagator {
  inject(): void {}

  extract(context: Context): Context {
    return context;
  }

  fields(): string[] {
    return [];
  }

  toString(): string {
    return 'Noop';
  }
}
