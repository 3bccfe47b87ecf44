// The archive's file writer thread (see file-writer.ts). Plain JavaScript with only Node built-ins:
// it runs as-is under tsx, vitest and node, with no loader to register.
import { randomUUID } from 'node:crypto';
import { appendFileSync, linkSync, mkdirSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { parentPort } from 'node:worker_threads';

const realRoots = new Map();

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

function perform(write) {
  shardReady(write.root, write.dir);
  const stored = write.store
    ? storeOnce(write.root, join(write.dir, write.store.name), write.store.bytes)
    : false;
  // O_APPEND: one short line per write does not interleave with other writers on a local disk.
  appendFileSync(join(write.dir, write.log), write.line, { flag: 'a' });
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
