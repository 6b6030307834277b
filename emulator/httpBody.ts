// Request bodies, bounded: the AWS API and the control API keep at most `maxBytes` of a body.

/** The most either API keeps of a request body (1 MiB; the largest real request is a few KB). */
export const MAX_BODY_BYTES = 1 << 20;

/**
 * The body as text, or undefined when it is larger than `maxBytes`. A larger body is still read to
 * its end (and dropped as it arrives, so memory stays bounded), so that the client gets our answer
 * rather than a reset connection.
 */
export async function readBodyLimited(req: AsyncIterable<unknown>, maxBytes = MAX_BODY_BYTES): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= maxBytes) chunks.push(chunk as Buffer);
  }
  return size > maxBytes ? undefined : Buffer.concat(chunks).toString('utf8');
}
