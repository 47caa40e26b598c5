import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

import { GetCustomerBillingProfileDocument } from '../../generated/graphql';
import { postGraphQL } from '../../helpers/graphql-client';
import { root, stop, waitForLine, type Started } from '../../helpers/run-process';

// What the image does, without Docker: compile as the build stage does, install the lockfile with
// `npm ci --omit=dev` in a directory that sees no other node_modules, and run the Dockerfile's CMD
// there. A runtime import of a devDependency, or a file read from outside dist/, fails here.
const SAMPLE_CUSTOMER = '0c39d6d5-c70d-4c55-bc02-f620844f3fd1';
const READY = /partner-center-bff ready at (http:\/\/\S+)"/;

let app: string;

/** Runs a command to completion; rejects with its output when it fails. */
async function exec(command: string, args: string[], cwd: string): Promise<void> {
  // Variables of an enclosing `npm test` (npm_config_*, npm_package_*) must not steer this npm.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
  );
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`);
  }
}

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), 'partner-center-bff-production-'));
  await copyFile(join(root, 'package.json'), join(app, 'package.json'));
  await copyFile(join(root, 'package-lock.json'), join(app, 'package-lock.json'));
  // `npm run build` (tsc -p tsconfig.json) into the copy: dist/ holds the gateway and nothing else.
  await exec(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--outDir', 'dist'],
    app,
  );
  await exec(
    'npm',
    ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
    app,
  );
  // The image then applies the project's dependency patches (npm ci's postinstall, which
  // --ignore-scripts skips).
  await cp(join(root, 'patches'), join(app, 'patches'), { recursive: true });
  await exec('npx', ['--no-install', 'patch-package', '--error-on-fail'], app);
}, 240_000);

afterAll(async () => {
  if (app) {
    await rm(app, { recursive: true, force: true });
  }
});

it('installs exactly the production part of the lockfile, where nothing else offers packages', async () => {
  const lock = JSON.parse(await readFile(join(app, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; optional?: boolean; devOptional?: boolean }>;
  };
  const entries = Object.entries(lock.packages).filter(([path]) => path !== '');
  const devOnly = entries.filter(([, entry]) => entry.dev).map(([path]) => path);
  const production = entries
    .filter(([, entry]) => !entry.dev && !entry.optional && !entry.devOptional)
    .map(([path]) => path);
  expect(devOnly).toEqual(expect.arrayContaining(['node_modules/typescript', 'node_modules/jest']));
  expect(devOnly.filter((path) => existsSync(join(app, path)))).toEqual([]);
  expect(production.filter((path) => !existsSync(join(app, path)))).toEqual([]);
  // Node looks for packages in every ancestor's node_modules: none may hide a missing one.
  for (let dir = dirname(app); ; dir = dirname(dir)) {
    expect([dir, existsSync(join(dir, 'node_modules'))]).toEqual([dir, false]);
    if (dir === dirname(dir)) {
      break;
    }
  }
});

it('starts with the Dockerfile CMD in production, serves health and a read, and exits 0 on SIGTERM', async () => {
  const dockerfile = await readFile(join(root, 'Dockerfile'), 'utf8');
  const cmd = JSON.parse(/^CMD\s+(\[.*\])\s*$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
  expect(cmd[0]).toBe('node');
  const child = spawn(process.execPath, cmd.slice(1), {
    cwd: app,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PARTNER_CENTER_EMULATOR: 'true',
      PORT: '0',
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const gateway: Started = { child, lines: [], onLine: [] };
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      gateway.lines.push(line);
      gateway.onLine.forEach((listener) => listener(line));
    });
  }
  try {
    const [, url] = await waitForLine(gateway, READY);
    const origin = new URL(url!).origin;
    for (const [path, status] of [
      ['/health/live', 'ok'],
      ['/health/ready', 'ready'],
    ]) {
      const response = await fetch(`${origin}${path}`);
      expect([path, response.status, await response.json()]).toEqual([path, 200, { status }]);
    }
    const result = await postGraphQL(url!, GetCustomerBillingProfileDocument, {
      id: SAMPLE_CUSTOMER,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.customer?.billingProfile?.etag).toEqual(expect.any(String));
  } finally {
    expect(await stop(gateway)).toBe(0);
  }
}, 60_000);
