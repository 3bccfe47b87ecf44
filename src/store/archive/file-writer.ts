/**
 * Runs the directory archive's file writes on a thread of their own. Creating a file is the dearest
 * step of a put (hundreds of microseconds of kernel time on some disks), and a crawl makes one per
 * new page: on the crawl's thread it would hold up fetching and parsing, and through libuv's thread
 * pool it would cost a round trip per system call.
 *
 * The writes asked for in one turn of the event loop go over in one message (waking a thread is
 * itself dear on a virtual machine), and run one after another in that order, so a shard's fetch
 * log keeps the order of the puts. The thread is shared by every archive of the process and holds
 * the process open only while a write is pending.
 */
import { Worker } from 'node:worker_threads';
import { PathOutsideRootError } from '../fs-paths';

/** One put's writes, all inside one shard folder of the archive rooted at `root`. */
export interface FileWrite {
  root: string;
  /** The shard folder: created if missing, refused if a link leads it outside `root`. */
  dir: string;
  /** New content: written to a temp file, then linked to `name` unless that name exists. */
  store?: { name: string; bytes: Uint8Array };
  /** The fetch log's file name in `dir`, and the line appended to it (after the content). */
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
let queued: (FileWrite & { id: number })[] = [];
let nextId = 1;

function failAll(error: Error): void {
  for (const { reject } of pending.values()) reject(error);
  pending.clear();
  worker = undefined;
}

function errorOf(reply: NonNullable<Reply['error']>): Error {
  if (reply.code === 'EOUTSIDEROOT') return new PathOutsideRootError(reply.message);
  const error = new Error(reply.message) as NodeJS.ErrnoException;
  if (reply.code) error.code = reply.code;
  return error;
}

function writerThread(): Worker {
  if (worker) return worker;
  const thread = new Worker(new URL('./file-writer.worker.mjs', import.meta.url));
  thread.on('message', (replies: Reply[]) => {
    for (const reply of replies) {
      const waiting = pending.get(reply.id);
      if (!waiting) continue;
      pending.delete(reply.id);
      if (reply.error) waiting.reject(errorOf(reply.error));
      else waiting.resolve(reply.stored ?? false);
    }
    if (pending.size === 0) thread.unref();
  });
  thread.on('error', (error) => failAll(error));
  thread.on('exit', (code) => failAll(new Error(`the archive's file writer stopped (exit code ${code})`)));
  thread.unref();
  worker = thread;
  return thread;
}

function flush(): void {
  const batch = queued;
  queued = [];
  const thread = writerThread();
  thread.ref();
  // Content goes over as exact copies whose memory is handed to the thread: a body is often a view
  // into a larger buffer (a socket read), which cloning would copy whole.
  const transfer: ArrayBuffer[] = [];
  for (const write of batch) {
    if (!write.store) continue;
    const bytes = write.store.bytes.slice();
    write.store = { ...write.store, bytes };
    transfer.push(bytes.buffer as ArrayBuffer);
  }
  thread.postMessage(batch, transfer);
}

/**
 * Performs `write` on the writer thread; resolves with true when new content was stored, false when
 * its name already existed (or there was none to store). Rejects with the file-system error, or
 * PathOutsideRootError for a shard folder that a link leads out of the root.
 */
export function writeFiles(write: FileWrite): Promise<boolean> {
  const id = nextId++;
  return new Promise<boolean>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    if (queued.length === 0) setImmediate(flush);
    queued.push({ ...write, id });
  });
}
