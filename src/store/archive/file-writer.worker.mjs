// The archive's file writer thread (see file-writer.ts). Plain JavaScript with only Node built-ins:
// it runs as-is under tsx, vitest and node, with no loader to register.
import { randomUUID } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  realpathSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { parentPort } from 'node:worker_threads';

const realRoots = new Map();
const TAIL_CHUNK = 64 * 1024;

class WriteError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/**
 * Creates the shard folder if it is missing and refuses it when its real path, links followed, is
 * outside the root's: a folder replaced by a link must not carry archive writes elsewhere.
 */
function shardReady(root, dir) {
  let realDir;
  try {
    realDir = realpathSync.native(dir);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    mkdirSync(dir, { recursive: true });
    realDir = realpathSync.native(dir);
  }
  let realRoot = realRoots.get(root);
  if (!realRoot) {
    realRoot = realpathSync.native(root);
    realRoots.set(root, realRoot);
  }
  const rel = relative(realRoot, realDir);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new WriteError(`refused folder ${dir}: a link leads outside ${realRoot}`, 'EOUTSIDEROOT');
  }
}

/** Writes a temp file and links it into place; false when the name already existed. */
function storeOnce(root, target, bytes) {
  const tmp = join(root, '.tmp', `${randomUUID()}.part`);
  try {
    writeFileSync(tmp, bytes, { flag: 'wx' });
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    mkdirSync(dirname(tmp), { recursive: true });
    writeFileSync(tmp, bytes, { flag: 'wx' });
  }
  try {
    linkSync(tmp, target);
    return true;
  } catch (error) {
    if (error.code === 'EEXIST') return false;
    throw error;
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // A temp file left behind holds no evidence; later writes do not depend on it.
    }
  }
}

/**
 * The unterminated last line of the log open on `fd` and where it starts, or undefined when the
 * log is empty or ends with a newline. Read backwards in chunks: a log is long, a torn line short.
 */
function tornTail(fd) {
  const size = fstatSync(fd).size;
  const last = Buffer.alloc(1);
  if (size === 0 || (readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === 0x0a)) return undefined;
  const chunks = [];
  let start = size;
  while (start > 0) {
    const from = Math.max(0, start - TAIL_CHUNK);
    const chunk = Buffer.alloc(start - from);
    readSync(fd, chunk, 0, chunk.length, from);
    const newline = chunk.lastIndexOf(0x0a);
    if (newline !== -1) {
      chunks.unshift(chunk.subarray(newline + 1));
      start = from + newline + 1;
      break;
    }
    chunks.unshift(chunk);
    start = from;
  }
  return { offset: start, text: Buffer.concat(chunks).toString('utf8') };
}

/**
 * Appends one line to a fetch log, always on a fresh line. A last line left unterminated by a full
 * disk or a killed writer (of this process or another) is first copied into `<log>.torn` and ended
 * with a newline: nothing is truncated, so no other writer's record is ever at risk, and readers
 * skip the torn line (see fetch-log.ts). The check costs an fstat and a one-byte read per append.
 */
function appendLine(log, line) {
  // O_APPEND: one short line per write does not interleave with other writers on a local disk.
  const fd = openSync(log, 'a+');
  try {
    const torn = tornTail(fd);
    if (torn) appendFileSync(`${log}.torn`, `${JSON.stringify(torn)}\n`, { flag: 'a' });
    const bytes = Buffer.from(torn ? `\n${line}` : line);
    // A full disk can take part of a write: the rest is tried, so the error comes from the disk.
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
  } finally {
    closeSync(fd);
  }
}

function perform(write) {
  shardReady(write.root, write.dir);
  const stored = write.store
    ? storeOnce(write.root, join(write.dir, write.store.name), write.store.bytes)
    : false;
  appendLine(join(write.dir, write.log), write.line);
  return stored;
}

parentPort.on('message', (batch) => {
  const replies = batch.map((write) => {
    try {
      return { id: write.id, stored: perform(write) };
    } catch (error) {
      return { id: write.id, error: { message: String(error?.message ?? error), code: error?.code } };
    }
  });
  parentPort.postMessage(replies);
});
