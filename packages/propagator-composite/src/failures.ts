/**
 * A member that throws is caught and reported once (REQUIREMENTS §7: "A member that throws is
 * caught, reported once through diag, and the rest still run").
 *
 * Once per member and per operation: a member whose extract throws on every request would
 * otherwise write one log line per request. Core's composite logs every time.
 */
import { diag } from '@opentelemetry/api';
import { errorMessage } from './conflict';

export type Operation = 'extract' | 'inject' | 'fields';

export class FailureReporter {
  private readonly reported = new Set<string>();

  report(member: string, index: number, operation: Operation, err: unknown, what = 'threw'): void {
    const id = `${operation}:${index}`;
    if (this.reported.has(id)) return;
    this.reported.add(id);
    diag.warn(
      `CompositePropagator: ${member}.${operation} ${what} (${errorMessage(err)}); the other ` +
        `members still ran. Further failures of ${member}.${operation} are not reported.`,
    );
  }
}
