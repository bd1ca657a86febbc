/** The Jaeger tests' propagation helpers and ids: the ones every format shares. */
export * from '../../../test/support/propagation';
