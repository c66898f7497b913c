/**
 * The graph file the benchmark hands to the C reference (scripts/fixed-point.c): a network's
 * compact arrays dumped as they are, little-endian, so that a plain C program reads it with
 * a few freads. Format (README, "Graph file"):
 *
 *   "LKGRAPH1" | n: uint32 | m: uint32 | status: uint8[n] | supplier: int32[m]
 *   | customer: int32[m] | part: int32[m] | critical: uint8[m]
 *
 * Ids, roles, provinces and part names are left out: the fixed point needs none of them.
 */
import fs from 'node:fs';
import type { CompactNetwork } from '../analysis';

export const GRAPH_FILE_MAGIC = 'LKGRAPH1';

/** Writes the network's links and statuses to `file` in the format above. */
export function writeGraphFile(file: string, net: CompactNetwork): void {
  if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) throw new Error('writeGraphFile: needs a little-endian machine');
  const n = net.ids.length;
  const m = net.linkSupplier.length;
  const header = Buffer.alloc(16);
  header.write(GRAPH_FILE_MAGIC, 0, 'latin1');
  header.writeUInt32LE(n, 8);
  header.writeUInt32LE(m, 12);
  const fd = fs.openSync(file, 'w');
  try {
    for (const part of [header, net.status, net.linkSupplier, net.linkCustomer, net.linkPart, net.linkCritical]) {
      const bytes = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
      for (let off = 0; off < bytes.length;) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    }
  } finally {
    fs.closeSync(fd);
  }
}
