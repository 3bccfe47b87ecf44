import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** The body grew past the limit, on the wire or once decompressed. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly stage: 'wire' | 'decoded',
  ) {
    super(
      stage === 'wire'
        ? `body exceeds ${limit} bytes`
        : `body exceeds ${limit} bytes once decompressed (compression bomb or oversized page)`,
    );
    this.name = 'BodyTooLargeError';
  }
}

/** The content-encoding could not be undone. */
export class DecodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodingError';
  }
}

/** Content codings listed in the header, in the order they were applied. */
export function parseContentEncoding(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
}

function decoderFor(coding: string): Transform {
  // Sync flush tolerates a stream cut short at its end, as browsers do; the limit still applies.
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
    case 'deflate':
      return createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    case 'br':
      return createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
    default:
      throw new DecodingError(`unsupported content-encoding "${coding}"`);
  }
}

/**
 * Reads a response body to bytes, undoing its content-encoding, and stops as soon as either the
 * bytes received or the bytes decoded pass `maxBytes`: a small compressed body that inflates to
 * gigabytes is cut off at the limit, not after it has filled memory.
 *
 * @param onWireBytes called with each chunk's size as it arrives (for statistics)
 */
export async function readBody(
  body: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
  onWireBytes: (n: number) => void,
  overflow: 'fail' | 'truncate' = 'fail',
): Promise<Buffer> {
  const decoders = parseContentEncoding(contentEncoding).reverse().map(decoderFor);
  if (decoders.length === 0) return readPlain(body, maxBytes, onWireBytes, overflow);
  let wire = 0;
  let decoded = 0;
  const chunks: Buffer[] = [];
  const countWire = async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      wire += chunk.length;
      onWireBytes(chunk.length);
      if (wire > maxBytes) throw new BodyTooLargeError(maxBytes, 'wire');
      yield chunk;
    }
  };
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      decoded += chunk.length;
      if (decoded > maxBytes) throw new BodyTooLargeError(maxBytes, 'decoded');
      chunks.push(chunk);
    }
  };
  const stages = [body, countWire, ...decoders, collect] as unknown as Parameters<typeof pipeline>;
  try {
    await pipeline(...stages);
  } catch (err) {
    if (isZlibError(err))
      throw new DecodingError(`${contentEncoding} body is corrupt: ${(err as Error).message}`);
    throw err;
  }
  return Buffer.concat(chunks);
}

/**
 * An unencoded body, read without a stream pipeline: most pages arrive this way, and a pipeline
 * costs each one an AbortController, an abort exception and generator hops. With `truncate`, the
 * first `maxBytes` are kept and the rest is never read (robots.txt: RFC 9309 §2.5); a compressed
 * body over the limit stays an error, since past the limit it is a compression bomb.
 */
async function readPlain(
  body: Readable,
  maxBytes: number,
  onWireBytes: (n: number) => void,
  overflow: 'fail' | 'truncate',
): Promise<Buffer> {
  let wire = 0;
  const chunks: Buffer[] = [];
  // Leaving the loop by a throw or a break destroys the stream, as the pipeline does.
  for await (const chunk of body as AsyncIterable<Buffer>) {
    wire += chunk.length;
    onWireBytes(chunk.length);
    if (wire > maxBytes) {
      if (overflow === 'fail') throw new BodyTooLargeError(maxBytes, 'wire');
      chunks.push(chunk.subarray(0, chunk.length - (wire - maxBytes)));
      break;
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR_BROTLI'));
}
