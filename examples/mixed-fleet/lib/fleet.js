'use strict';
/**
 * The orchestrator: forks the five services (each `node service.js` with its own OTEL_PROPAGATORS),
 * tells each where its peers listen, sends requests in at the gateway, and collects what the
 * services report over IPC: finished spans, composite conflicts, propagation warnings.
 *
 * Bounded: every wait has a timeout, and the children are killed on stop() and on process exit.
 * The orchestrator itself runs no OpenTelemetry SDK: it is "the outside world" calling the edge.
 */
const { fork } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const { servicesFor, ENTRY } = require('./topology');

const SERVICE_JS = path.join(__dirname, 'service.js');
// Five NodeSDKs loading on a busy 2-core machine (two fleets at once in the e2e tests): one service
// alone took 4–5.5 s to report ready here with the machine shared by eight developers.
const START_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The environment of one service: only its OTEL_* settings differ between services. */
function serviceEnv(spec) {
  const env = {};
  // Inherit PATH etc., but never the caller's OTEL_* settings: each service gets exactly its own.
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OTEL_')) env[k] = v;
  return {
    ...env,
    BATON_DEMO_SERVICE: spec.name,
    OTEL_PROPAGATORS: spec.propagators,
    OTEL_SERVICE_NAME: spec.name,
    OTEL_TRACES_EXPORTER: 'none', // spans go over IPC (the span processor in service.js)
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
  };
}

class Fleet {
  constructor(specs) {
    this.specs = specs;
    this.services = new Map(); // name -> { spec, child, port, url, description, output }
    this.spans = [];
    this.conflicts = [];
    this.warnings = [];
    this._waiters = new Set();
    this._flushId = 0;
    this._onExit = () => this.kill();
  }

  async start() {
    process.once('exit', this._onExit);
    await withTimeout(
      Promise.all(this.specs.map((spec) => this._fork(spec))),
      START_TIMEOUT_MS,
      'starting the services',
    ).catch((err) => {
      this.kill();
      throw new Error(`${err.message}\n${this.output()}`);
    });
    const peers = {};
    for (const [name, s] of this.services) peers[name] = s.url;
    await withTimeout(
      Promise.all(
        [...this.services.values()].map((s) => this._ask(s, { type: 'peers', peers }, 'peers-ok')),
      ),
      START_TIMEOUT_MS,
      'sending peer addresses',
    );
    return this;
  }

  _fork(spec) {
    return new Promise((resolve, reject) => {
      const child = fork(SERVICE_JS, [], {
        env: serviceEnv(spec),
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      const entry = { spec, child, port: 0, url: '', description: '', output: '' };
      this.services.set(spec.name, entry);
      const keep = (chunk) => {
        if (entry.output.length < 64 * 1024) entry.output += chunk;
      };
      child.stdout.setEncoding('utf8').on('data', keep);
      child.stderr.setEncoding('utf8').on('data', keep);
      child.on('message', (msg) => this._onMessage(entry, msg, resolve));
      child.once('exit', (code, signal) => {
        entry.exited = true;
        reject(new Error(`${spec.name} exited early (code ${code}, signal ${signal})`));
      });
      child.once('error', reject);
    });
  }

  _onMessage(entry, msg, ready) {
    if (!msg || typeof msg !== 'object') return;
    switch (msg.type) {
      case 'ready':
        entry.port = msg.port;
        entry.url = `http://127.0.0.1:${msg.port}`;
        entry.description = msg.description;
        ready(entry);
        break;
      case 'span':
        this.spans.push(msg.span);
        break;
      case 'conflict':
        this.conflicts.push({ service: msg.service, ...msg.info });
        break;
      case 'diag':
        this.warnings.push({ service: entry.spec.name, level: msg.level, message: msg.message });
        break;
    }
    for (const w of this._waiters) w(entry, msg);
  }

  /** Sends `msg` to one service and resolves on its reply of type `replyType`. */
  _ask(entry, msg, replyType, match = () => true) {
    return new Promise((resolve) => {
      const waiter = (from, reply) => {
        if (from === entry && reply.type === replyType && match(reply)) {
          this._waiters.delete(waiter);
          resolve(reply);
        }
      };
      this._waiters.add(waiter);
      entry.child.send(msg);
    });
  }

  /** GET `path` at the gateway with `headers`, as an outside client would. */
  request(headers = {}, requestPath = ENTRY.path) {
    const gateway = this.services.get(ENTRY.service);
    return withTimeout(
      new Promise((resolve, reject) => {
        const req = http.get(`${gateway.url}${requestPath}`, { headers }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (body += c));
          res.on('end', () => {
            let json = null;
            try {
              json = JSON.parse(body);
            } catch {
              // a non-JSON answer is reported as body: null with its status
            }
            resolve({ status: res.statusCode, body: json });
          });
        });
        req.on('error', reject);
      }),
      REQUEST_TIMEOUT_MS,
      `GET ${requestPath}`,
    );
  }

  /**
   * Waits until every service has shipped what it finished so far. IPC messages from one child
   * arrive in order, so once a service's 'flushed' reply is here, so are the spans it sent before.
   */
  flush() {
    const id = ++this._flushId;
    return withTimeout(
      Promise.all(
        [...this.services.values()].map((s) =>
          this._ask(s, { type: 'flush', id }, 'flushed', (r) => r.id === id),
        ),
      ),
      REQUEST_TIMEOUT_MS,
      'flushing spans',
    );
  }

  /** One request in at the gateway, then every span, conflict and warning it caused. */
  async trace(headers = {}) {
    const spanCount = this.spans.length;
    const conflictCount = this.conflicts.length;
    const warningCount = this.warnings.length;
    const response = await this.request(headers);
    await this.flush();
    return {
      response,
      spans: this.spans.slice(spanCount),
      conflicts: this.conflicts.slice(conflictCount),
      warnings: this.warnings.slice(warningCount),
    };
  }

  output() {
    return [...this.services.values()]
      .filter((s) => s.output)
      .map((s) => `--- ${s.spec.name} output ---\n${s.output}`)
      .join('\n');
  }

  kill() {
    for (const s of this.services.values()) {
      if (!s.exited && s.child.exitCode === null) s.child.kill('SIGKILL');
    }
  }

  async stop() {
    process.removeListener('exit', this._onExit);
    const exits = [...this.services.values()]
      .filter((s) => s.child.exitCode === null && s.child.signalCode === null)
      .map((s) => new Promise((resolve) => s.child.once('exit', resolve)));
    for (const s of this.services.values()) {
      if (s.child.connected) s.child.disconnect(); // service.js exits on disconnect
    }
    await withTimeout(Promise.all(exits), 5000, 'stopping the services').catch(() => this.kill());
  }
}

/** Starts the fleet (`misconfigure: true` for the misconfigured run) and resolves when all listen. */
function startFleet(options = {}) {
  return new Fleet(servicesFor(options)).start();
}

module.exports = { startFleet, Fleet };
