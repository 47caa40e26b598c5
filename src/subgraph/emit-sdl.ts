/* eslint-disable no-console -- a command-line entry point */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { buildApiSchema, buildGatewaySchema } from './build-schema';
import { printApiSdl, printSubgraphSdl } from './print-sdl';

// `npm run schema:emit` writes schema/*.graphql from the code; `npm run schema:check` (--check)
// fails when the committed files differ.
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const root = join(__dirname, '..', '..', 'schema');
  const files = [
    { path: join(root, 'schema.graphql'), sdl: printApiSdl(await buildApiSchema()) },
    { path: join(root, 'subgraph.graphql'), sdl: printSubgraphSdl(await buildGatewaySchema()) },
  ];
  const stale: string[] = [];
  for (const file of files) {
    const committed = await readFile(file.path, 'utf8').catch(() => '');
    if (committed === file.sdl) {
      continue;
    }
    if (check) {
      stale.push(file.path);
    } else {
      await writeFile(file.path, file.sdl);
      console.log(`wrote ${file.path}`);
    }
  }
  if (stale.length > 0) {
    console.error(
      `Schema drift in ${stale.join(', ')}: run \`npm run schema:emit\` and commit the result.`,
    );
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
