// The archive's file writer thread (see file-writer.ts). Plain JavaScript with only Node built-ins:
// it runs as-is under tsx, vitest and node, with no loader to register.
import { appendFileSync, linkSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';

/** Writes a temp file and links it into place; false when the name already existed. */
function storeOnce(tmp, target, bytes) {
  try {
    writeFileSync(tmp, bytes, { flag: 'wx' });
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    // The temp folder was removed since the archive created it.
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

parentPort.on('message', (op) => {
  try {
    const stored = op.store ? storeOnce(op.store.tmp, op.store.target, op.store.bytes) : false;
    // O_APPEND: one short line per write does not interleave with other writers on a local disk.
    appendFileSync(op.log, op.line, { flag: 'a' });
    parentPort.postMessage({ id: op.id, stored });
  } catch (error) {
    parentPort.postMessage({
      id: op.id,
      error: { message: String(error?.message ?? error), code: error?.code },
    });
  }
});
