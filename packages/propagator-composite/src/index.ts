export { CompositePropagator } from './composite-propagator';
export type { CompositePropagatorConfig, Precedence } from './config';
export type { ConflictInfo, Extraction } from './conflict';
