/**
 * The real broker for the end-to-end tests: RabbitMQ from Debian's packages, on 127.0.0.1.
 *
 * - `BATON_AMQP_URL` set (what .ci/run does): that broker is used.
 * - else, `rabbitmq-server` installed and running as root: the tests start a private node themselves
 *   (scripts/broker/rabbitmq.sh, about 20 s) and stop it afterwards.
 * - else: on a developer machine the tests are skipped with a loud message; with CI set they fail.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo } from './helpers';

export interface Broker {
  url: string;
  stop: () => void;
}

const SCRIPT = join(repo, 'scripts/broker/rabbitmq.sh');

function rabbitmqInstalled(): boolean {
  return ['/usr/sbin/rabbitmq-server', '/usr/lib/rabbitmq/bin/rabbitmq-server'].some(existsSync);
}

/** Why the broker tests cannot run here, or undefined when they can. */
export function brokerUnavailable(): string | undefined {
  if (process.env.BATON_AMQP_URL) return undefined;
  if (!rabbitmqInstalled()) {
    return 'RabbitMQ is not installed (apt-get install rabbitmq-server) and BATON_AMQP_URL is not set';
  }
  if (process.getuid?.() !== 0) {
    return 'rabbitmq-server is installed but these tests start it only as root; start a broker on 127.0.0.1 and set BATON_AMQP_URL';
  }
  return undefined;
}

export function startBroker(): Broker {
  const url = process.env.BATON_AMQP_URL;
  if (url) return { url, stop: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'baton-rabbitmq-'));
  // AMQP port in 20000–29999; the script puts distribution at +10000 and rabbitmqctl at +10001..+10010.
  const port = String(20000 + Math.floor(Math.random() * 10000));
  const started = execFileSync('bash', [SCRIPT, 'start', dir, port], {
    encoding: 'utf8',
    timeout: 150_000,
  }).trim();
  return { url: started, stop: () => execFileSync('bash', [SCRIPT, 'stop', dir, port]) };
}

/** `describe` that runs, skips loudly (developer machine), or fails (CI) when there is no broker. */
export function describeWithBroker(name: string, fn: () => void): void {
  const missing = brokerUnavailable();
  if (missing === undefined) {
    describe(name, fn);
  } else if (process.env.CI) {
    describe(name, () => {
      test('a broker is available (CI must run the broker tests)', () => {
        throw new Error(`broker end-to-end tests cannot run: ${missing}`);
      });
    });
  } else {
    console.warn(
      `\n!!! SKIPPED: ${name}\n!!! ${missing}.\n!!! In CI (CI=true) this is a failure.\n`,
    );
    describe.skip(name, fn);
  }
}
