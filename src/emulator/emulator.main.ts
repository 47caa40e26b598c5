/* eslint-disable no-console -- a command-line entry point */
import { startEmulator } from './emulator';
import { startAuthorityFromEnv } from './entra-authority-cli';

// `npm run emulator`: the Partner Center emulator alone. PORT (default 4010), HOST (default 127.0.0.1),
// EMULATOR_ADMIN=true mounts /__emulator/ (and /__authority/), EMULATOR_RATE_LIMIT=<requests>/<windowMs>
// throttles. EMULATOR_AUTH=app adds the token authority (see entra-authority-cli.ts).
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got ${process.env.PORT}`);
  }
  const rate = process.env.EMULATOR_RATE_LIMIT;
  const rateMatch = rate ? /^(\d+)\/(\d+)$/.exec(rate) : null;
  if (rate && !rateMatch) {
    throw new Error(
      `EMULATOR_RATE_LIMIT must look like 100/60000 (requests/windowMs), got ${rate}`,
    );
  }
  const authority = await startAuthorityFromEnv(process.env);
  const emulator = await startEmulator({
    ...(authority ? { appAuthority: authority } : {}),
    port,
    host: process.env.HOST ?? '127.0.0.1',
    admin: process.env.EMULATOR_ADMIN === 'true',
    // The request log serves the admin API; without it, a long run would only accumulate tokens.
    recordRequests: process.env.EMULATOR_ADMIN === 'true',
    ...(rateMatch
      ? { rateLimit: { requests: Number(rateMatch[1]), windowMs: Number(rateMatch[2]) } }
      : {}),
  });
  console.log(
    `Partner Center emulator listening on ${emulator.url} (GET ${emulator.url}/v1/customers)`,
  );
  if (authority) {
    console.log(
      `Token authority listening on ${authority.url} (tenant ${authority.tenantId}, issuer ${authority.issuer}); Partner Center accepts only its tokens`,
    );
  }
  const stop = (): void => {
    Promise.all([emulator.close(), authority?.close()]).then(
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
