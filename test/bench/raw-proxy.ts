import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Pool } from 'undici';

// "The limit" the benchmark holds the gateway against: the same upstream calls with nothing around
// them (no GraphQL, no validation, no mapping, no per-caller slots). What it costs is what any
// gateway must pay; what the gateway costs beyond it is ours.

export interface RawProxyOptions {
  /** Partner Center (emulator) origin, e.g. http://127.0.0.1:4010. */
  upstreamUrl: string;
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Upstream connections, as many as the gateway's pool has. Default 64. */
  connections?: number;
}

export interface RawProxy {
  url: string;
  close(): Promise<void>;
}

/** `POST /read` `{"ids":[…]}`: one GET per id, in parallel -> `{"data":[profile | null, …]}`. */
export interface RawReadRequest {
  ids: string[];
}

/**
 * `POST /update` `{"id","etag","firstName"}`: GET, then PUT with `If-Match` when the etag is current
 * -> `{"data":{"conflict":false,"etag":new}}`, or `{"data":{"conflict":true,"etag":current}}`.
 */
export interface RawUpdateRequest {
  id: string;
  etag: string;
  firstName: string;
}

interface Profile {
  firstName?: string;
  attributes?: { etag?: string };
}

class UpstreamStatusError extends Error {
  constructor(readonly status: number) {
    super(`upstream answered ${status}`);
  }
}

/** Starts the raw proxy on loopback. */
export async function startRawProxy(options: RawProxyOptions): Promise<RawProxy> {
  const upstream = new Pool(options.upstreamUrl, { connections: options.connections ?? 64 });

  async function call(
    method: 'GET' | 'PUT',
    id: string,
    authorization: string,
    extra?: { etag: string; body: string },
  ): Promise<{ status: number; profile: Profile | null }> {
    const response = await upstream.request({
      method,
      path: `/v1/customers/${encodeURIComponent(id)}/profiles/billing`,
      headers: {
        authorization,
        accept: 'application/json',
        ...(extra ? { 'content-type': 'application/json', 'if-match': `"${extra.etag}"` } : {}),
      },
      body: extra?.body,
    });
    if (response.statusCode === 200) {
      return { status: 200, profile: (await response.body.json()) as Profile };
    }
    await response.body.dump();
    return { status: response.statusCode, profile: null };
  }

  async function read(body: RawReadRequest, authorization: string): Promise<unknown> {
    return Promise.all(
      body.ids.map(async (id) => {
        const { status, profile } = await call('GET', id, authorization);
        if (status !== 200 && status !== 404) {
          throw new UpstreamStatusError(status);
        }
        return profile;
      }),
    );
  }

  async function update(body: RawUpdateRequest, authorization: string): Promise<unknown> {
    const current = await call('GET', body.id, authorization);
    const currentEtag = current.profile?.attributes?.etag;
    if (!current.profile || currentEtag === undefined) {
      throw new UpstreamStatusError(current.status);
    }
    if (currentEtag !== body.etag) {
      return { conflict: true, etag: currentEtag };
    }
    const written = await call('PUT', body.id, authorization, {
      etag: body.etag,
      body: JSON.stringify({ ...current.profile, firstName: body.firstName }),
    });
    if (written.status === 200) {
      return { conflict: false, etag: written.profile?.attributes?.etag };
    }
    if (written.status !== 400 && written.status !== 412) {
      throw new UpstreamStatusError(written.status);
    }
    // Someone wrote between our GET and PUT (Partner Center answers 400 code 2055): read it again.
    const after = await call('GET', body.id, authorization);
    return { conflict: true, etag: after.profile?.attributes?.etag };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const authorization = req.headers.authorization ?? '';
    let data: unknown;
    if (req.method === 'POST' && req.url === '/read') {
      data = await read(body as RawReadRequest, authorization);
    } else if (req.method === 'POST' && req.url === '/update') {
      data = await update(body as RawUpdateRequest, authorization);
    } else {
      res.writeHead(404).end();
      return;
    }
    const payload = JSON.stringify({ data });
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
    });
    res.end(payload);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof UpstreamStatusError ? 502 : 500;
      if (!res.headersSent) {
        res.writeHead(status, { 'content-type': 'application/json' });
      }
      res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    async close(): Promise<void> {
      // No grace: a benchmark tool, stopped when the load is over or the run is cut short.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await upstream.close();
    },
  };
}
