/**
 * propagationMatrix: every caller/callee pair of a list of configurations, one request each, and
 * which pairs break with the reason — the format-mismatch finder.
 */
import type { Expectation } from './checks';
import type { ServiceConfig } from './service';
import { startServices, type RequestOptions } from './services';

export interface PairResult {
  caller: string;
  callee: string;
  ok: boolean;
  problems: string[];
}

export interface MatrixReport {
  pairs: PairResult[];
  broken: PairResult[];
  /** A grid (✓ / ✗, callers down, callees across) and one line per broken pair. */
  table: string;
}

export async function propagationMatrix(
  configs: ServiceConfig[],
  options: RequestOptions & { expect?: Expectation } = {},
): Promise<MatrixReport> {
  const fleet = await startServices(configs);
  const pairs: PairResult[] = [];
  try {
    for (const { name: caller } of configs) {
      for (const { name: callee } of configs) {
        if (caller === callee) continue; // a service calling itself shares its own configuration
        const result = await fleet.request([caller, callee], options);
        const problems = result.problems(options.expect);
        pairs.push({ caller, callee, ok: problems.length === 0, problems });
      }
    }
  } finally {
    await fleet.close();
  }
  const broken = pairs.filter((p) => !p.ok);
  return {
    pairs,
    broken,
    table: table(
      configs.map((c) => c.name),
      pairs,
    ),
  };
}

function table(names: string[], pairs: PairResult[]): string {
  const width = Math.max(...names.map((n) => n.length), 'caller ↓ callee →'.length);
  const cell = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - s.length));
  const lines = [[cell('caller ↓ callee →', width), ...names].join('  ')];
  for (const caller of names) {
    const row = names.map((callee) => {
      const p = pairs.find((x) => x.caller === caller && x.callee === callee);
      return cell(p ? (p.ok ? '✓' : '✗') : '·', callee.length);
    });
    lines.push([cell(caller, width), ...row].join('  ').trimEnd());
  }
  for (const p of pairs.filter((x) => !x.ok)) {
    lines.push('', `✗ ${p.caller} → ${p.callee}`, ...p.problems.map((problem) => `  - ${problem}`));
  }
  return lines.join('\n');
}
