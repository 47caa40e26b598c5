import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The repository root (dist/ holds the built entry points that process tests start). */
export const root = join(__dirname, '..', '..');

export interface Started {
  child: ChildProcess;
  lines: string[];
  onLine: ((line: string) => void)[];
}

/** Starts a built entry point with only these environment variables (and PATH). */
export function run(script: string, env: Record<string, string>): Started {
  const child = spawn(process.execPath, [join(root, 'dist', script)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started: Started = { child, lines: [], onLine: [] };
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      started.lines.push(line);
      started.onLine.forEach((listener) => listener(line));
    });
  }
  return started;
}

/** Resolves with the first output line matching `pattern` (the process's own readiness signal). */
export function waitForLine(started: Started, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = (line: string): boolean => {
      const match = pattern.exec(line);
      if (match) {
        resolve(match);
      }
      return match !== null;
    };
    if (started.lines.some(check)) {
      return;
    }
    started.onLine.push(check);
    started.child.once('exit', (code) =>
      reject(
        new Error(`exited with ${code} before printing ${pattern}:\n${started.lines.join('\n')}`),
      ),
    );
  });
}

/** SIGTERM, then the exit code. */
export async function stop(started: Started): Promise<number | null> {
  if (started.child.exitCode !== null) {
    return started.child.exitCode;
  }
  started.child.kill('SIGTERM');
  const [code] = (await once(started.child, 'exit')) as [number | null];
  return code;
}
