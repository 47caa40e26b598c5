/* eslint-disable no-console -- a command-line entry point */
import { startRawProxy } from './raw-proxy';

// The benchmark's raw proxy as its own process. UPSTREAM_URL (required), PORT (default 0: pick one),
// HOST (default 127.0.0.1). Prints `raw proxy listening on <url>` when it listens; SIGTERM stops it.
async function main(): Promise<void> {
  const upstreamUrl = process.env.UPSTREAM_URL;
  if (!upstreamUrl) {
    throw new Error('UPSTREAM_URL is required, e.g. http://127.0.0.1:4010');
  }
  const port = Number(process.env.PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got ${process.env.PORT}`);
  }
  const proxy = await startRawProxy({ upstreamUrl, port, host: process.env.HOST ?? '127.0.0.1' });
  console.log(`raw proxy listening on ${proxy.url}`);
  const stop = (): void => {
    proxy.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
