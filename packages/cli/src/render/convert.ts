/** The human output of `baton convert`: the headers, ready to paste, plus what was carried. */
import { describeExtracted } from '../extracted';
import type { ConvertReport } from '../convert';
import type { Style } from './style';
import { fit, WIDTH } from './text';

export function renderConvert(r: ConvertReport, s: Style, index: number, total: number): string {
  const out: string[] = [];
  if (total > 1) out.push(s.dim(`# request ${index + 1} of ${total}: ${r.source}`));
  if (!r.valid && r.extracted !== null) {
    // A context was read, but the target writes nothing for it (oneway-gcp, an extract-only member).
    out.push(s.bad(fit(`# ${r.to} writes no header for this context`, WIDTH)));
    out.push(s.dim(fit(`# from ${r.from}`, WIDTH)));
    for (const part of describeExtracted(r.extracted).split(' · '))
      out.push(s.dim(fit(`# ${part}`, WIDTH)));
    return out.join('\n');
  }
  if (!r.valid) {
    out.push(
      s.bad(
        fit(`# nothing to convert: ${r.from} extracted ${describeExtracted(r.extracted)}`, WIDTH),
      ),
    );
    out.push(s.dim('# run `baton decode` on the same headers to see why'));
    return out.join('\n');
  }
  for (const [name, value] of Object.entries(r.headers)) out.push(`${name}: ${value}`);
  out.push(s.dim(fit(`# from ${r.from}`, WIDTH)));
  out.push(s.dim(fit(`# to   ${r.to}`, WIDTH)));
  for (const part of describeExtracted(r.extracted).split(' · '))
    out.push(s.dim(fit(`# ${part}`, WIDTH)));
  return out.join('\n');
}
