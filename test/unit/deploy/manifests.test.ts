import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';

import { composeServices } from '@apollo/composition';
import { parse as parseGraphQL } from 'graphql';
import { parse as parseYaml } from 'yaml';

import { loadConfig } from '../../../src/config';
import { correlationIdFrom } from '../../../src/context';
import { GRAPHQL_PATH } from '../../../src/http/request-handler';
import { startStack, type Stack } from '../../helpers/start-stack';

// deploy/, the Dockerfile and .dockerignore are checked against the code they run: a port, a probe
// path or a variable renamed on one side fails here, since Docker and Kubernetes do not run in CI.
const root = join(__dirname, '..', '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const yaml = (path: string): unknown => parseYaml(read(path)) as unknown;
/** What the gateway needs after SHUTDOWN_GRACE_MS to answer the last operations (gateway.ts). */
const FLUSH_AFTER_GRACE_MS = 2000;

// ---------------------------------------------------------------------------------------------
// Shapes of the manifests, as far as the checks read them.

interface Probe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  ports: { name: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  envFrom?: {
    configMapRef?: { name: string };
    secretRef?: { name: string; optional?: boolean };
  }[];
  startupProbe?: Probe;
  readinessProbe: Probe;
  livenessProbe: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  resources: {
    requests: { cpu: string; memory: string };
    limits: { memory: string };
  };
  securityContext: {
    allowPrivilegeEscalation: boolean;
    readOnlyRootFilesystem: boolean;
    capabilities: { drop: string[] };
  };
}
interface Deployment {
  kind: 'Deployment';
  metadata: { name: string };
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        terminationGracePeriodSeconds: number;
        securityContext: { runAsNonRoot: boolean; runAsUser: number };
        containers: Container[];
      };
    };
  };
}
interface Service {
  kind: 'Service';
  metadata: { name: string };
  spec: {
    selector: Record<string, string>;
    ports: { name: string; port: number; targetPort: string | number }[];
  };
}
interface ConfigMap {
  kind: 'ConfigMap';
  metadata: { name: string };
  data: Record<string, string>;
}
interface Hpa {
  kind: 'HorizontalPodAutoscaler';
  apiVersion: string;
  spec: {
    scaleTargetRef: { kind: string; name: string };
    minReplicas: number;
    maxReplicas: number;
    metrics: { type: string; resource?: { name: string; target: { type: string } } }[];
  };
}
interface Pdb {
  kind: 'PodDisruptionBudget';
  apiVersion: string;
  spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } };
}
interface Kustomization {
  namespace: string;
  resources: string[];
}
type Manifest = Deployment | Service | ConfigMap | Hpa | Pdb;

const kustomization = yaml('deploy/kubernetes/kustomization.yaml') as Kustomization;
const manifests = kustomization.resources.map(
  (file) => yaml(join('deploy/kubernetes', file)) as Manifest,
);
function only<K extends Manifest['kind']>(kind: K): Extract<Manifest, { kind: K }> {
  const found = manifests.filter((m): m is Extract<Manifest, { kind: K }> => m.kind === kind);
  if (found.length !== 1) {
    throw new Error(`kustomization.yaml lists ${found.length} ${kind} manifests, expected 1`);
  }
  return found[0]!;
}
const deployment = only('Deployment');
const service = only('Service');
const configMap = only('ConfigMap');
const hpa = only('HorizontalPodAutoscaler');
const pdb = only('PodDisruptionBudget');
const pod = deployment.spec.template.spec;
const container = pod.containers[0]!;
const httpPort = container.ports.find((p) => p.name === 'http')!;

// ---------------------------------------------------------------------------------------------
// The Dockerfile, as instructions per stage (continuation lines joined, comments dropped).

interface Instruction {
  stage: number;
  keyword: string;
  args: string;
}
const dockerfile = read('Dockerfile')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'))
  .reduce<Instruction[]>((all, line) => {
    const [, keyword = '', args = ''] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    const stage = (all.at(-1)?.stage ?? -1) + (keyword.toUpperCase() === 'FROM' ? 1 : 0);
    return [...all, { stage, keyword: keyword.toUpperCase(), args: args.trim() }];
  }, []);
const runtimeStage = Math.max(...dockerfile.map((i) => i.stage));
const runtime = (keyword: string): string[] =>
  dockerfile.filter((i) => i.stage === runtimeStage && i.keyword === keyword).map((i) => i.args);
const heapMiB = Number(/--max-old-space-size=(\d+)/.exec(runtime('CMD').join(' '))?.[1]);
const healthcheckArgv = JSON.parse(
  /CMD\s+(\[.*\])$/.exec(runtime('HEALTHCHECK')[0] ?? '')?.[1] ?? '[]',
) as string[];

const mebibytes = (quantity: string): number => {
  const [, amount = 'NaN', unit = ''] = /^(\d+)(Mi|Gi)$/.exec(quantity) ?? [];
  return Number(amount) * (unit === 'Gi' ? 1024 : 1);
};
const defaults = loadConfig({});

describe('the Dockerfile', () => {
  it('runs on a Node 20 slim image, with NODE_ENV=production and production dependencies only', () => {
    const from = dockerfile.filter((i) => i.keyword === 'FROM').map((i) => i.args);
    expect(from.length).toBeGreaterThanOrEqual(2);
    const image = /ARG NODE_IMAGE=(\S+)/.exec(read('Dockerfile'))?.[1];
    expect(image).toMatch(/^node:20(\.\d+){0,2}-[a-z]+-slim$/);
    expect(from.at(-1)).toBe('${NODE_IMAGE}');
    expect(runtime('ENV')).toContain('NODE_ENV=production');
    expect(runtime('RUN').join('\n')).toMatch(/npm ci --omit=dev --ignore-scripts/);
  });

  it("applies the project's dependency patches as npm ci does, failing the build if one does not apply", () => {
    const pkg = JSON.parse(read('package.json')) as {
      scripts: { postinstall: string };
      dependencies: Record<string, string>;
    };
    expect(pkg.scripts.postinstall).toBe('patch-package --error-on-fail');
    // A production dependency: the runtime stage installs without devDependencies.
    expect(pkg.dependencies['patch-package']).toBeDefined();
    expect(runtime('COPY')).toContain('patches ./patches');
    expect(runtime('RUN').join('\n')).toMatch(
      /npm ci --omit=dev --ignore-scripts[^\n]*\s+&& npx --no-install patch-package --error-on-fail/,
    );
    expect(read('.dockerignore')).toMatch(/^!patches$/m);
  });

  it('runs node on dist/main.js directly, with the heap limit npm start uses, as the node user', () => {
    const pkg = JSON.parse(read('package.json')) as { main: string; scripts: { start: string } };
    expect(JSON.parse(runtime('CMD')[0]!)).toEqual([
      'node',
      `--max-old-space-size=${heapMiB}`,
      pkg.main,
    ]);
    expect(pkg.scripts.start).toContain(`--max-old-space-size=${heapMiB} ${pkg.main}`);
    expect(runtime('USER')).toEqual(['node']);
  });

  it('exposes the port the gateway listens on by default', () => {
    expect(runtime('EXPOSE')).toEqual([String(defaults.port)]);
  });

  it('sends the build only what it copies (.dockerignore is an allowlist of the COPY sources)', () => {
    const ignore = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    const copied = dockerfile
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(ignore[0]).toBe('*');
    expect(new Set(ignore.slice(1).map((line) => line.replace(/^!/, '')))).toEqual(new Set(copied));
    for (const source of copied) {
      expect(existsSync(join(root, source))).toBe(true);
    }
  });
});

describe('the Kubernetes manifests', () => {
  it('lists every manifest in kustomization.yaml', () => {
    const files = readdirSync(join(root, 'deploy/kubernetes')).filter(
      (file) => file.endsWith('.yaml') && file !== 'kustomization.yaml',
    );
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('serves on the gateway default port, named http, as the image exposes it and the Service targets it', () => {
    expect(httpPort.containerPort).toBe(defaults.port);
    expect(runtime('EXPOSE')).toEqual([String(httpPort.containerPort)]);
    expect(service.spec.ports.map((p) => p.targetPort)).toEqual(['http']);
  });

  it('probes readiness on /health/ready and liveness on /health/live, through the http port', () => {
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    for (const probe of [
      container.readinessProbe,
      container.livenessProbe,
      container.startupProbe,
    ]) {
      expect(probe?.httpGet.port ?? 'http').toBe('http');
    }
  });

  it('sets only variables loadConfig reads and the README documents, and they load as production', () => {
    const env: Record<string, string> = { ...configMap.data };
    for (const variable of container.env ?? []) {
      env[variable.name] = variable.value ?? '';
    }
    const configSource = read('src/config.ts');
    const readme = read('README.md');
    for (const name of Object.keys(env)) {
      expect([name, new RegExp(`\\b${name}\\b`).test(configSource)]).toEqual([name, true]);
      expect([name, readme.includes(`\`${name}\``)]).toEqual([name, true]);
    }
    const config = loadConfig(env);
    expect(config.production).toBe(true);
    expect(config.partnerCenterBaseUrl).toMatch(/^https:\/\//);
    expect(config.port).toBe(httpPort.containerPort);
    expect(config.shutdownGraceMs).toBe(Number(env.SHUTDOWN_GRACE_MS));
  });

  it('takes its variables from the shipped ConfigMap, and only optionally from a Secret', () => {
    const sources = container.envFrom ?? [];
    expect(sources.map((s) => s.configMapRef?.name).filter(Boolean)).toEqual([
      configMap.metadata.name,
    ]);
    for (const source of sources.filter((s) => s.secretRef)) {
      expect(source.secretRef?.optional).toBe(true);
    }
  });

  it('gives the pod longer to terminate than the preStop pause, SHUTDOWN_GRACE_MS and the final flush', () => {
    const command = container.lifecycle?.preStop?.exec?.command ?? [];
    const pauseMs = command[0] === 'sleep' ? Number(command[1]) * 1000 : 0;
    const graceMs = loadConfig(configMap.data).shutdownGraceMs;
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(
      pauseMs + graceMs + FLUSH_AFTER_GRACE_MS,
    );
  });

  it('requests CPU for the autoscaler and leaves memory beyond the heap limit', () => {
    const { requests, limits } = container.resources;
    expect(requests.cpu).toMatch(/^\d+m?$/);
    expect(mebibytes(limits.memory)).toBeGreaterThanOrEqual(heapMiB + 256);
    expect(mebibytes(requests.memory)).toBeLessThanOrEqual(mebibytes(limits.memory));
  });

  it('runs as the non-root node user with a read-only root and no capabilities', () => {
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBe(1000); // the image's `node` user
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('scales the Deployment on CPU from at least 2 replicas, and keeps 1 through disruptions', () => {
    const labels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(labels);
    expect(service.spec.selector).toEqual(labels);
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toMatchObject({
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const cpu = hpa.spec.metrics.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
    expect(cpu?.resource?.target.type).toBe('Utilization');
    // The autoscaler owns the count: a `replicas` in the manifest would reset it on every apply.
    expect(deployment.spec.replicas).toBeUndefined();
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec.minAvailable).toBe(1);
    expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
    expect(pdb.spec.selector.matchLabels).toEqual(labels);
  });
});

describe('the router configuration', () => {
  const supergraph = yaml('deploy/router/supergraph.yaml') as {
    federation_version: string;
    subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
  };
  const router = yaml('deploy/router/router.yaml') as {
    headers: {
      subgraphs: Record<string, { request: { operations: { propagate?: { named: string } }[] } }>;
    };
    include_subgraph_errors: { subgraphs: Record<string, boolean> };
    telemetry: { exporters: { tracing: { propagation: { trace_context: boolean } } } };
  };
  const [name, subgraph] = Object.entries(supergraph.subgraphs)[0]!;

  it('routes to the Service, on its port, at the gateway GraphQL path', () => {
    expect(Object.keys(supergraph.subgraphs)).toHaveLength(1);
    const url = new URL(subgraph.routing_url);
    expect(url.hostname).toBe(
      `${service.metadata.name}.${kustomization.namespace}.svc.cluster.local`,
    );
    expect(Number(url.port)).toBe(service.spec.ports[0]!.port);
    expect(url.pathname).toBe(GRAPHQL_PATH);
  });

  it('composes the committed subgraph SDL with a federation version that knows its @link', () => {
    const file = resolve(join(root, 'deploy/router'), subgraph.schema.file);
    expect(relative(root, file)).toBe(join('schema', 'subgraph.graphql'));
    const sdl = readFileSync(file, 'utf8');
    const linked = /specs\.apollo\.dev\/federation\/v(\d+)\.(\d+)/.exec(sdl);
    const [major, minor] = supergraph.federation_version.replace(/^=/, '').split('.').map(Number);
    expect([major, minor! >= Number(linked?.[2])]).toEqual([Number(linked?.[1]), true]);
    const composed = composeServices([
      { name, typeDefs: parseGraphQL(sdl), url: subgraph.routing_url },
    ]);
    expect(composed.errors).toBeUndefined();
  });

  it('propagates the caller token and the correlation ids the gateway reads, and lets its error codes through', () => {
    expect(Object.keys(router.headers.subgraphs)).toEqual([name]);
    const propagated = router.headers.subgraphs[name]!.request.operations.map(
      (rule) => rule.propagate?.named,
    );
    expect(propagated).toContain('authorization');
    const id = '0c39d6d5-c70d-4c55-bc02-f620844f3fd1';
    for (const header of propagated.filter((h) => h !== 'authorization')) {
      expect([header, correlationIdFrom({ [header!]: id })]).toEqual([header, id]);
    }
    expect(router.include_subgraph_errors.subgraphs[name]).toBe(true);
    // traceparent and tracestate: the router's own W3C propagation continues the caller's trace.
    expect(router.telemetry.exporters.tracing.propagation.trace_context).toBe(true);
  });
});

describe('against a running gateway', () => {
  let stack: Stack;
  let port: string;
  beforeAll(async () => {
    stack = await startStack();
    port = new URL(stack.gatewayUrl).port;
  });
  afterAll(async () => {
    await stack.stop();
  });

  it.each([
    ['readiness', () => container.readinessProbe, { status: 'ready' }],
    ['liveness', () => container.livenessProbe, { status: 'ok' }],
    ['startup', () => container.startupProbe!, { status: 'ok' }],
  ])('answers the %s probe path with 200', async (_name, probe, body) => {
    const response = await fetch(`http://127.0.0.1:${port}${probe().httpGet.path}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(body);
  });

  const healthcheck = async (env: Record<string, string>): Promise<number | null> => {
    expect(healthcheckArgv.slice(0, 2)).toEqual(['node', '-e']);
    expect(healthcheckArgv[2]).toContain('/health/live');
    const child = spawn(process.execPath, healthcheckArgv.slice(1), {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: 'ignore',
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    return code;
  };

  it('passes the image HEALTHCHECK command, and fails it when nothing listens', async () => {
    expect(await healthcheck({ PORT: port })).toBe(0);
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port: unused } = closed.address() as { port: number };
    closed.close();
    await once(closed, 'close');
    expect(await healthcheck({ PORT: String(unused) })).toBe(1);
  });
});
