/**
 * Reading header sets from what people paste: `Name: value` arguments, a block of header lines,
 * `curl -v` output, a JSON object of headers (or an array of them), or a HAR file.
 *
 * Only the envelope is read here (lines, JSON, HAR); header values are never interpreted — that is
 * the format packages' job (one parser per format).
 */
import type { Header, HeaderSet } from './headers';

/** Input that cannot be read: exit status 2 with this message. */
export class UsageError extends Error {}

/** An RFC 9110 header name (token): what a `Name: value` line must start with. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** `Name: value` → a header, or undefined when the text is not one. */
export function headerFromText(text: string): Header | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const name = text.slice(0, colon).trim();
  if (!TOKEN.test(name)) return undefined;
  return { name, value: text.slice(colon + 1).trim() };
}

/** Headers given as command-line arguments, each `Name: value`. */
export function fromArguments(args: readonly string[]): HeaderSet {
  const headers: Header[] = [];
  for (const arg of args) {
    const h = headerFromText(arg);
    if (h === undefined) {
      throw new UsageError(
        `not a header: ${JSON.stringify(arg)} (write it as 'Name: value', quoted)`,
      );
    }
    headers.push(h);
  }
  return { source: 'arguments', headers };
}

/**
 * A pasted block: header lines, or `curl -v` output (`> Name: value` are the request's headers,
 * `< …` the response's; when both appear only the request's are read). Request and status lines,
 * curl's `*` notes and anything that is not a header line are skipped.
 */
export function fromLines(text: string, source: string): HeaderSet {
  const lines = text.split(/\r?\n/);
  const curlRequest = lines.some((l) => l.startsWith('> '));
  const headers: Header[] = [];
  for (const raw of lines) {
    let line = raw;
    if (curlRequest) {
      if (!line.startsWith('> ')) continue;
      line = line.slice(2);
    } else if (line.startsWith('< ')) {
      line = line.slice(2);
    }
    if (/^(HTTP\/|[A-Z]+ \S+ HTTP\/)/.test(line)) continue; // request or status line
    const h = headerFromText(line);
    if (h !== undefined) headers.push(h);
  }
  return { source, headers };
}

function headersOfObject(o: Record<string, unknown>): Header[] {
  const headers: Header[] = [];
  for (const [name, value] of Object.entries(o)) {
    if (!TOKEN.test(name)) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        headers.push({ name, value: String(v) });
      }
    }
  }
  return headers;
}

/** A HAR file (HTTP Archive 1.2): one header set per entry's request. */
function fromHar(har: { log: { entries?: unknown } }, source: string): HeaderSet[] {
  const entries = Array.isArray(har.log.entries) ? har.log.entries : [];
  const sets: HeaderSet[] = [];
  entries.forEach((entry: unknown, i: number) => {
    const request = (entry as { request?: { method?: unknown; url?: unknown; headers?: unknown } })
      ?.request;
    if (request === undefined || !Array.isArray(request.headers)) return;
    const headers: Header[] = [];
    for (const h of request.headers as unknown[]) {
      const { name, value } = (h ?? {}) as { name?: unknown; value?: unknown };
      if (typeof name === 'string' && typeof value === 'string' && TOKEN.test(name)) {
        headers.push({ name, value });
      }
    }
    const method = typeof request.method === 'string' ? request.method : 'GET';
    const url = typeof request.url === 'string' ? request.url : '?';
    sets.push({ source: `${source} entry ${i + 1}: ${method} ${url}`, headers });
  });
  return sets;
}

/**
 * Any text input: a HAR, a JSON object of headers (`{"traceparent": "…"}`), a JSON array of such
 * objects, or header lines. JSON is recognised by its first character.
 */
export function fromText(text: string, source: string): HeaderSet[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (err) {
      throw new UsageError(
        `${source}: looks like JSON but does not parse (${(err as Error).message})`,
      );
    }
    if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
      const o = json as Record<string, unknown>;
      if (o.log !== null && typeof o.log === 'object')
        return fromHar(o as { log: { entries?: unknown } }, source);
      return [{ source, headers: headersOfObject(o) }];
    }
    if (Array.isArray(json)) {
      return json.map((item, i) => ({
        source: `${source} [${i}]`,
        headers:
          item !== null && typeof item === 'object'
            ? headersOfObject(item as Record<string, unknown>)
            : [],
      }));
    }
    throw new UsageError(
      `${source}: JSON input must be an object of headers, an array of them, or a HAR file`,
    );
  }
  return [fromLines(text, source)];
}
