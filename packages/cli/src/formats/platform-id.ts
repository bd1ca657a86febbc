/** Baton's `platform-id` header, explained by @baton/propagator-platform-id. */
import {
  PLATFORM_ID_HEADER,
  PlatformIdPropagator,
  explainHeaderValue,
} from '@baton/propagator-platform-id';
import { valuesOf } from '../headers';
import { headerReport } from './report';
import type { FormatExplainer } from './types';

export const platformId: FormatExplainer = {
  id: 'platform-id',
  title: 'platform-id',
  readBy: ['platform-id'],
  carriesTrace: false,
  present: (c) => c[PLATFORM_ID_HEADER] !== undefined,
  explain(carrier) {
    const values = valuesOf(carrier, PLATFORM_ID_HEADER);
    // Node joins a repeated custom header with ", ": explain the value as a server would see it.
    const e = explainHeaderValue(values.join(', '));
    return [
      headerReport(
        PLATFORM_ID_HEADER,
        values,
        e,
        (f) => [['platform-id', f.value]],
        e.fields?.repeated ? ['repeated: only the first value is kept'] : [],
      ),
    ];
  },
  propagator: () => new PlatformIdPropagator(),
  // Baton's own header: there is no official package.
  official: () => undefined,
};
