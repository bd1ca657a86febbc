/**
 * The names Baton knows without registration, and how each is built.
 *
 * OTEL-ENV lists the known values of `OTEL_PROPAGATORS`: `tracecontext`, `baggage`, `b3` ("B3 Single"),
 * `b3multi` ("B3 Multi"), `jaeger`, `xray`, `ottrace`, `none`. Baton adds `platform-id`,
 * `xray-lambda` (the name Go, Java and Python give the Lambda variant), and `gcp` / `oneway-gcp`
 * (the names Java gives Google Cloud Trace's pair).
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
import { OTTracePropagator } from '@baton/propagator-ot-trace';
import { CloudTraceOneWayPropagator, CloudTracePropagator } from '@baton/propagator-cloud-trace';

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
  ['ottrace', () => new OTTracePropagator()],
  ['gcp', () => new CloudTracePropagator()],
  ['oneway-gcp', () => new CloudTraceOneWayPropagator()],
]);
