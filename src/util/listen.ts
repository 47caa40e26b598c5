import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Binds `server` to host:port and resolves with the address it got (port 0 picks one); rejects with
 * the bind error (EADDRINUSE, EACCES) instead of leaving it to the server's 'error' event.
 */
export async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server.address() as AddressInfo;
}

/** The address as a URL's host: `127.0.0.1`, or `[::1]` for IPv6. */
export function urlHost(address: AddressInfo): string {
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}
