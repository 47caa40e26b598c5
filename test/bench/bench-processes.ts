import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';

import { request } from 'undici';

// The benchmark's processes, started as test/helpers/run-process.ts starts entry points (built
// script, only the environment it needs, readiness from the process itself, SIGTERM at the end).
// That helper finds dist/ from its own place in the source tree, which the compiled bench is not in.

/** The repository root, from dist/bench/test/bench/ where this file runs. */
export const repoRoot = join(__dirname, '..', '..', '..', '..');

const KEPT_LINES = 200;
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export interface BenchProcess {
  name: string;
  child: ChildProcess;
  /** The last output lines (stdout and stderr), for failure messages. */
  lines: string[];
  /** Every line the process printed, counted. */
  lineCount: number;
  onLine: ((line: string) => void)[];
}

/** Starts `node [flags] <script>` with only these environment variables (and PATH). */
function runNode(
  name: string,
  script: string,
  env: Record<string, string>,
  flags: string[] = [],
): BenchProcess {
  const child = spawn(process.execPath, [...flags, script], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started: BenchProcess = { name, child, lines: [], lineCount: 0, onLine: [] };
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      started.lineCount += 1;
      started.lines.push(line);
      if (started.lines.length > KEPT_LINES) {
        started.lines.shift();
      }
      started.onLine.forEach((listener) => listener(line));
    });
  }
  return started;
}

function exited(started: BenchProcess, waitingFor: string): Promise<never> {
  return new Promise((_resolve, reject) => {
    started.child.once('exit', (code, signal) =>
      reject(
        new Error(
          `${started.name} exited (${code ?? signal}) before ${waitingFor}:\n${started.lines.join('\n')}`,
        ),
      ),
    );
  });
}

/** Resolves with the first output line matching `pattern` (the process's own readiness signal). */
function waitForLine(started: BenchProcess, pattern: RegExp): Promise<RegExpExecArray> {
  const matched = new Promise<RegExpExecArray>((resolve) => {
    const check = (line: string): boolean => {
      const match = pattern.exec(line);
      if (match) {
        resolve(match);
      }
      return match !== null;
    };
    if (!started.lines.some(check)) {
      started.onLine.push(check);
    }
  });
  return withTimeout(Promise.race([matched, exited(started, `printing ${pattern}`)]), started);
}

/**
 * Resolves once `GET <url>/health/ready` answers 200. The gateway announces its URL at `info`, which
 * LOG_LEVEL=warn (no per-operation log lines in the measurement) silences, so it gets a port picked
 * here and its documented readiness endpoint is asked instead.
 */
async function waitForReady(started: BenchProcess, url: string): Promise<void> {
  const exit = exited(started, `${url}/health/ready answered 200`);
  // Handled here so that its exit at the end of the run is no unhandled rejection.
  exit.catch(() => undefined);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const response = await request(`${url}/health/ready`);
      await response.body.dump();
      if (response.statusCode === 200) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    if (started.child.exitCode !== null || started.child.signalCode !== null) {
      return exit;
    }
    await delay(50);
  }
  throw new Error(`${started.name} not ready after ${READY_TIMEOUT_MS} ms`);
}

async function withTimeout<T>(promise: Promise<T>, started: BenchProcess): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${started.name} not ready after ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A free loopback port (released again; the process given it binds it a moment later). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') {
    throw new Error('could not pick a free port');
  }
  return address.port;
}

/** Every process the benchmark started; stops them all, also when the run fails. */
export class BenchProcesses {
  private readonly started: BenchProcess[] = [];

  /** The emulator CLI with its admin API (the request log counts upstream calls). */
  async startUpstream(): Promise<{ process: BenchProcess; url: string }> {
    const started = this.track(
      runNode('emulator', join(repoRoot, 'dist', 'emulator', 'emulator.main.js'), {
        PORT: '0',
        HOST: '127.0.0.1',
        EMULATOR_ADMIN: 'true',
      }),
    );
    const [, url] = await waitForLine(started, /Partner Center emulator listening on (\S+)/);
    return { process: started, url: url! };
  }

  /** The gateway as `npm start` runs it (its node flags included), against the upstream. */
  async startGateway(upstreamUrl: string): Promise<{ process: BenchProcess; url: string }> {
    const port = await freePort();
    const started = this.track(
      runNode(
        'gateway',
        join(repoRoot, 'dist', 'main.js'),
        {
          PORT: String(port),
          HOST: '127.0.0.1',
          PARTNER_CENTER_BASE_URL: upstreamUrl,
          LOG_LEVEL: 'warn',
        },
        startFlags(),
      ),
    );
    const url = `http://127.0.0.1:${port}`;
    await waitForReady(started, url);
    return { process: started, url };
  }

  /** The raw proxy (raw-proxy.main.ts, built beside this file). */
  async startRawProxy(upstreamUrl: string): Promise<{ process: BenchProcess; url: string }> {
    const started = this.track(
      runNode('raw proxy', join(__dirname, 'raw-proxy.main.js'), {
        PORT: '0',
        HOST: '127.0.0.1',
        UPSTREAM_URL: upstreamUrl,
      }),
    );
    const [, url] = await waitForLine(started, /raw proxy listening on (\S+)/);
    return { process: started, url: url! };
  }

  /** SIGTERM to each, then awaits its exit (SIGKILL after 15 s). */
  async stopAll(): Promise<void> {
    await Promise.all(
      this.started.splice(0).map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          return;
        }
        const exit = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exit;
        clearTimeout(timer);
      }),
    );
  }

  /** For a process `exit` handler, where nothing can be awaited. */
  killAllNow(): void {
    for (const { child } of this.started) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
      }
    }
  }

  private track(started: BenchProcess): BenchProcess {
    this.started.push(started);
    return started;
  }
}

/** Newest modification time under `dir` of files ending in .ts. */
function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    const time = entry.isDirectory()
      ? newestSource(path)
      : entry.name.endsWith('.ts')
        ? statSync(path).mtimeMs
        : 0;
    return Math.max(newest, time);
  }, 0);
}

/**
 * Throws without a built gateway; answers a warning when src/ is newer than the build (the bench
 * would measure stale code), else undefined.
 */
export function checkBuild(): string | undefined {
  const entry = join(repoRoot, 'dist', 'main.js');
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: run \`npm run build\` first`);
  }
  return newestSource(join(repoRoot, 'src')) > statSync(entry).mtimeMs
    ? 'warning: src/ changed after dist/ was built; `npm run -s build` to bench the current code'
    : undefined;
}

/** The node flags of the `start` script in package.json, so the bench runs the gateway as users do. */
function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = scripts.start.split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((word) => word.startsWith('--'));
}
