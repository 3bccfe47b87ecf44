/**
 * Reading a file a person names on the command line or in a config: only regular files, only up to
 * a size cap. `/dev/zero` never ends and a FIFO blocks until someone writes; neither is a plan, a
 * catalogue or a saved page, and reading one would fill memory or hang.
 */
import { open, stat } from 'node:fs/promises';
import { ValidationError } from '../core/validation';

/** Config and plan files are small; 64 MiB leaves room for a whole province's catalogue. */
export const MAX_INPUT_FILE_BYTES = 64 * 1024 * 1024;

function unreadable(what: string, path: string, reason: string): ValidationError {
  return new ValidationError(`${what} ${path}`, [`cannot be read: ${reason}`]);
}

function errnoReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a folder on its path is a file';
  return (error as Error).message;
}

/**
 * The bytes of a regular file of at most `maxBytes`.
 *
 * @throws ValidationError naming the file and why (not found, a directory, a device or FIFO, too large)
 */
export async function readRegularFile(
  path: string | URL,
  what: string,
  maxBytes: number = MAX_INPUT_FILE_BYTES,
): Promise<Buffer> {
  const shown = String(path);
  // stat() never blocks, where opening a FIFO for reading waits for a writer.
  const info = await stat(path).catch((error: unknown) => {
    throw unreadable(what, shown, errnoReason(error));
  });
  if (info.isDirectory()) throw unreadable(what, shown, 'is a directory, not a file');
  if (!info.isFile())
    throw unreadable(what, shown, 'not a regular file (a device, FIFO or socket): give a file');
  if (info.size > maxBytes) throw unreadable(what, shown, `is larger than ${maxBytes} bytes`);
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw unreadable(what, shown, errnoReason(error));
  });
  try {
    // Read one byte past the cap: a file that grew since stat() is refused, not truncated.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) {
        if (filled > maxBytes) throw unreadable(what, shown, `is larger than ${maxBytes} bytes`);
        break;
      }
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
