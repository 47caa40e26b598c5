import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { buildApiSchema, buildGatewaySchema } from '../../src/subgraph/build-schema';
import { printApiSdl, printSubgraphSdl } from '../../src/subgraph/print-sdl';
import { VERSION } from '../../src/version';

const root = join(__dirname, '..', '..');

it('keeps schema/schema.graphql equal to the SDL printed from the code (fix: npm run schema:emit)', async () => {
  const committed = await readFile(join(root, 'schema', 'schema.graphql'), 'utf8');
  expect(printApiSdl(await buildApiSchema())).toBe(committed);
});

it('keeps schema/subgraph.graphql equal to the subgraph SDL printed from the code (fix: npm run schema:emit)', async () => {
  const committed = await readFile(join(root, 'schema', 'subgraph.graphql'), 'utf8');
  expect(printSubgraphSdl(await buildGatewaySchema())).toBe(committed);
});

it('keeps the version sent upstream equal to package.json', async () => {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  expect(VERSION).toBe(pkg.version);
});
