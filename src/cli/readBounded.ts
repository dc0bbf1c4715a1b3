import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** An error with a Node error code, as fs throws them: the CLI words each code (cli/run.ts). */
function fsError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * The text of a file (`-`: stdin) of at most maxBytes: a larger regular file is refused before it is
 * read, and anything else (a pipe, /dev/zero) is read no further than one byte past the limit.
 */
export function readFileBounded(path: string, maxBytes: number): string {
  const fd = path === '-' ? 0 : openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) {
      throw fsError('EISDIR', `${path} is a directory`);
    }
    if (stat.isFile() && stat.size > maxBytes) {
      throw fsError('EFBIG', `${path} holds ${stat.size} bytes, more than ${maxBytes}`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, maxBytes + 1 - total));
      const read = readChunk(fd, chunk);
      if (read === 0) {
        break;
      }
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) {
        throw fsError('EFBIG', `${path} holds more than ${maxBytes} bytes`);
      }
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    if (fd !== 0) {
      closeSync(fd);
    }
  }
}

/** One read; a non-blocking stdin with nothing yet (EAGAIN) is waited for rather than taken as an error. */
function readChunk(fd: number, buffer: Buffer): number {
  for (;;) {
    try {
      return readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EAGAIN')) {
        throw error;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}
