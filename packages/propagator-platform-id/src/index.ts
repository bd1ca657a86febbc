/**
 * @baton/propagator-platform-id — the `platform-id` propagator, and createHeaderPropagator to
 * build the same for a header of your own.
 */
export {
  PlatformIdPropagator,
  getPlatformId,
  setPlatformId,
  PLATFORM_ID_HEADER,
  PLATFORM_ID_KEY,
} from './platform-id';
export type { PlatformIdPropagatorOptions } from './platform-id';
export { createHeaderPropagator } from './create-header-propagator';
export type { HeaderPropagation } from './create-header-propagator';
export type { HeaderPropagatorOptions } from './options';
export type { HeaderPropagator } from './header-propagator';
export { DEFAULT_MAX_LENGTH, MAX_MAX_LENGTH } from './value';
export { explainHeaderValue } from './explain';
export type { HeaderValueFields } from './explain';
export type { Explanation, Rejection } from '@baton/internal';
