/**
 * Typed arrays carved out of one ArrayBuffer.
 *
 * Why: V8 may start a full garbage collection on each large typed-array allocation once
 * off-heap memory has grown enough, and a full collection walks the caller's whole heap;
 * compiling a store snapshot of millions of link objects allocated a dozen arrays and paid
 * for several such collections (about a second at 1M enterprises). One allocation per arena
 * pays at most once.
 */
export class Arena {
  private readonly buffer: ArrayBuffer | SharedArrayBuffer;
  private int32Offset = 0;
  private uint8Offset: number;

  /**
   * Room for `int32Elements` Int32 elements and `uint8Elements` Uint8 elements in all; in shared
   * memory when `shared`, for a helper thread to read (parallel-search.ts).
   */
  constructor(
    private readonly int32Elements: number,
    uint8Elements = 0,
    shared = false,
  ) {
    // Int32 elements first, so that every Int32 view is aligned whatever the order of calls.
    const bytes = int32Elements * 4 + uint8Elements;
    this.buffer = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
    this.uint8Offset = int32Elements * 4;
  }

  int32(length: number): Int32Array {
    if (this.int32Offset + length * 4 > this.int32Elements * 4) throw new RangeError('Arena: out of Int32 room');
    const view = new Int32Array(this.buffer, this.int32Offset, length);
    this.int32Offset += length * 4;
    return view;
  }

  uint8(length: number): Uint8Array {
    const view = new Uint8Array(this.buffer, this.uint8Offset, length);
    this.uint8Offset += length;
    return view;
  }
}

/**
 * Whether a typed array lives in shared memory. Not `instanceof SharedArrayBuffer`: one that
 * came back from a helper thread may belong to another realm (a vm context, as under jest).
 */
export function inSharedMemory(a: { buffer: ArrayBufferLike }): boolean {
  return Object.prototype.toString.call(a.buffer) === '[object SharedArrayBuffer]';
}
