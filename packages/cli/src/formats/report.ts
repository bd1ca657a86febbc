/** Building a HeaderReport from an explain API's answer. */
import type { Explanation } from '@baton/internal';
import type { HeaderReport } from './types';

export function headerReport<F>(
  name: string,
  values: readonly string[],
  explanation: Explanation<F>,
  meaning: (fields: F) => [string, string][],
  notes: string[] = [],
): HeaderReport {
  return {
    name,
    value: values.join(', '),
    valid: explanation.valid,
    fields: explanation.fields,
    error: explanation.error,
    errorValue: undefined,
    meaning: explanation.fields === undefined ? [] : meaning(explanation.fields),
    notes,
  };
}

export const yes = (b: boolean | undefined): string => (b ? 'yes' : 'no');

/** A flags byte as two hex digits and binary: `03 (0b00000011)`. */
export function flagsByte(n: number): string {
  return `${n.toString(16).padStart(2, '0')} (0b${n.toString(2).padStart(8, '0')})`;
}
