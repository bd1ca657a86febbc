/**
 * The @baton/testing conformance kit (REQUIREMENTS §1) against PlatformIdPropagator and a header
 * propagator built by createHeaderPropagator, with vectors from §6. A valid vector is needed here:
 * it gives the kit a context holding an id, so inject writes the header fields() lists.
 */
import { describeConformance } from '@baton/testing';
import { createHeaderPropagator, PlatformIdPropagator } from '@baton/propagator-platform-id';

describeConformance(new PlatformIdPropagator(), {
  vectors: [
    {
      name: '§6 extract reads the header into a context key, inject writes it back when present',
      carrier: { 'platform-id': 'plat-7f3a' },
      spanContext: null,
      injects: { 'platform-id': 'plat-7f3a' },
    },
    {
      name: '§6 visible ASCII … invalid → ignored on extract',
      carrier: { 'platform-id': 'a b' },
      valid: false,
    },
  ],
});

describeConformance(createHeaderPropagator({ header: 'x-tenant-id', maxLength: 16 }).propagator, {
  name: 'createHeaderPropagator(x-tenant-id)',
  vectors: [
    {
      name: '§6 `createHeaderPropagator({ header, ... })` builds the same for any header name',
      carrier: { 'x-tenant-id': 'tenant-42' },
      injects: { 'x-tenant-id': 'tenant-42' },
    },
    { name: '§6 max length', carrier: { 'x-tenant-id': 't'.repeat(17) }, valid: false },
  ],
});
