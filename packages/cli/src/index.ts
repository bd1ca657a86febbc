/**
 * @baton/cli — the `baton` command. The programmatic surface is small: run the command in-process
 * (`main`), or decode a header set into the same report `baton decode --json` prints.
 */
export { main, EXIT_OK, EXIT_INVALID, EXIT_USAGE } from './cli';
export type { Io } from './cli';
export { decodeHeaderSet } from './decode';
export type { RequestReport, FormatReport, OfficialDifference, TraceSeen } from './decode';
export type { Header, HeaderSet } from './headers';
export { FORMATS } from './formats';
export type { FormatExplainer, HeaderReport } from './formats';
