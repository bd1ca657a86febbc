/**
 * The names Baton knows without registration, and how each is built.
 *
 * OTEL-ENV lists the known values of `OTEL_PROPAGATORS`: `tracecontext`, `baggage`, `b3` ("B3 Single"),
 * `b3multi` ("B3 Multi"), `jaeger`, `xray`, `ottrace`, `none`. Baton adds `platform-id`, and
 * `xray-lambda` (the name Go, Java and Python give the Lambda variant). `ottrace` has no Baton
 * implementation yet: it is not built in, so it warns as unknown — and stays free for
 * `registerPropagator`.
 *
 * Each entry is a factory, called only when its name is resolved (REQUIREMENTS §8 "lazy factories"):
 * a service that asks for `tracecontext` never constructs a Jaeger propagator.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { B3InjectEncoding, B3Propagator } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { PlatformIdPropagator } from '@baton/propagator-platform-id';
import { AWSXRayLambdaPropagator, AWSXRayPropagator } from '@baton/propagator-aws-xray';

export const BUILTIN_FACTORIES: ReadonlyMap<string, () => TextMapPropagator> = new Map<
  string,
  () => TextMapPropagator
>([
  ['tracecontext', () => new W3CTraceContextPropagator()],
  ['baggage', () => new W3CBaggagePropagator()],
  // OTEL-ENV: "b3": B3 Single — the official B3Propagator's default inject encoding.
  ['b3', () => new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER })],
  ['b3multi', () => new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER })],
  ['jaeger', () => new JaegerPropagator()],
  ['platform-id', () => new PlatformIdPropagator()],
  ['xray', () => new AWSXRayPropagator()],
  ['xray-lambda', () => new AWSXRayLambdaPropagator()],
]);
