import type { Dispatcher } from 'undici';

/** An answer body over the caller's limit: it was not read, and its connection was let go. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/**
 * An undici answer's body as text, refusing one over `limit` bytes (BodyTooLargeError) without
 * holding more than that in memory: whoever answers cannot make the gateway buffer without bound.
 */
export async function readLimited(
  response: Dispatcher.ResponseData,
  limit: number,
): Promise<string> {
  const { body } = response;
  const declared = Number(response.headers['content-length']);
  if (Number.isInteger(declared) && declared >= 0) {
    // The connection holds the answer to its declared length: it can be read in one go.
    if (declared > limit) {
      body.destroy();
      throw new BodyTooLargeError(`the answer is over ${limit} bytes`);
    }
    return body.text();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new BodyTooLargeError(`the answer is over ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
