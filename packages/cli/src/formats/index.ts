/**
 * Every format the CLI decodes — the one place a format package registers its explainer.
 *
 * To add a format: write `./<format>.ts` exporting a
 * FormatExplainer built on that package's explain API, and list it here. Order is the order of
 * the output, and of the members of the composite decode uses to find conflicts.
 */
import { awsXRay } from './aws-xray';
import { baggage } from './baggage';
import { b3 } from './b3';
import { cloudTrace } from './cloud-trace';
import { jaeger } from './jaeger';
import { otTrace } from './ot-trace';
import { platformId } from './platform-id';
import type { FormatExplainer } from './types';
import { traceContext } from './w3c';

export const FORMATS: readonly FormatExplainer[] = [
  traceContext,
  baggage,
  b3,
  jaeger,
  awsXRay,
  otTrace,
  cloudTrace,
  platformId,
];

export type { FormatExplainer, HeaderReport, OfficialPropagator } from './types';
