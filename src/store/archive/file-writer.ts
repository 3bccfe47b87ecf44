/**
 * Runs the directory archive's file writes on a thread of their own. Creating a file is the dearest
 * step of a put (hundreds of microseconds of kernel time on some disks), and a crawl makes one per
 * new page: on the crawl's thread it would hold up fetching and parsing, and through libuv's thread
 * pool it costs five round trips (open, write, close, link, unlink) instead of one message.
 *
 * Writes run one after another, in the order they were asked for, so a shard's fetch log keeps the
 * order of the puts. The thread is shared by every archive of the process and holds the process
 * open only while a write is pending.
 */
import { Worker } from 'node:worker_threads';

/** One put's writes: the content (when new) and the fetch-log line, which follows a stored file. */
export interface FileWrite {
  /** New content: written to `tmp`, then linked to `target` unless that name exists. */
  store?: { tmp: string; target: string; bytes: Uint8Array };
  log: string;
  line: string;
}

interface Reply {
  id: number;
  stored?: boolean;
  error?: { message: string; code?: string };
}

interface Pending {
  resolve: (stored: boolean) => void;
  reject: (error: Error) => void;
}

let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let nextId = 1;

function failAll(error: Error): void {
  for (const { reject } of pending.values()) reject(error);
  pending.clear();
  worker = undefined;
}

function writerThread(): Worker {
  if (worker) return worker;
  const thread = new Worker(new URL('./file-writer.worker.mjs', import.meta.url));
  thread.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (pending.size === 0) thread.unref();
    if (reply.error) {
      const error = new Error(reply.error.message) as NodeJS.ErrnoException;
      if (reply.error.code) error.code = reply.error.code;
      waiting.reject(error);
    } else waiting.resolve(reply.stored ?? false);
  });
  thread.on('error', (error) => failAll(error));
  thread.on('exit', (code) => failAll(new Error(`the archive's file writer stopped (exit code ${code})`)));
  thread.unref();
  worker = thread;
  return thread;
}

/**
 * Performs `write` on the writer thread; resolves with true when new content was stored, false when
 * its name already existed (or there was none to store). Rejects with the file-system error.
 */
export function writeFiles(write: FileWrite): Promise<boolean> {
  const thread = writerThread();
  const id = nextId++;
  return new Promise<boolean>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    if (pending.size === 1) thread.ref();
    if (!write.store) {
      thread.postMessage({ id, ...write });
      return;
    }
    // A body is often a view into a larger buffer (a socket read), which a clone would copy whole:
    // send an exact copy and hand its memory over instead of cloning it again.
    const bytes = write.store.bytes.slice();
    thread.postMessage({ id, ...write, store: { ...write.store, bytes } }, [bytes.buffer]);
  });
}
