/**
 * The critical-group index of a compiled network (compile.ts): for each supplier, the critical
 * groups it supplies, in group (customer) order, by a counting sort. Only a critical group can
 * be lost (§2.2), so the availability counts suppliers of those alone.
 *
 * Self-contained kernels (no imports, every call to a function of this file): a helper thread
 * runs them from their source text while the compiling thread builds the id index
 * (parallel-search.ts). One loop per function: see solveAvailability (propagate.ts).
 */

/** criticalGroup[criticalLinks[s] .. criticalLinks[s + 1] - 1]: the critical groups s supplies. In shared memory when `shared`. */
export function criticalIndex(
  n: number,
  groupCount: number,
  groupLinks: Int32Array,
  linkSupplier: Int32Array,
  groupCritical: Uint8Array,
  shared: boolean,
): { criticalLinks: Int32Array; criticalGroup: Int32Array } {
  const criticalLinks = new Int32Array(shared ? new SharedArrayBuffer(4 * (n + 1)) : new ArrayBuffer(4 * (n + 1)));
  countCritical(groupCount, groupLinks, linkSupplier, groupCritical, criticalLinks);
  cumulate(criticalLinks);
  const total = criticalLinks[n];
  const criticalGroup = new Int32Array(shared ? new SharedArrayBuffer(4 * total) : new ArrayBuffer(4 * total));
  placeCritical(groupCount, groupLinks, linkSupplier, groupCritical, criticalLinks.slice(0, n), criticalGroup);
  return { criticalLinks, criticalGroup };
}

/** Per supplier (at s + 1): the critical groups it supplies. */
export function countCritical(groupCount: number, groupLinks: Int32Array, linkSupplier: Int32Array, groupCritical: Uint8Array, criticalLinks: Int32Array): void {
  for (let g = 0; g < groupCount; g++) {
    if (groupCritical[g] !== 1) continue;
    for (let j = groupLinks[g], end = groupLinks[g + 1]; j < end; j++) criticalLinks[linkSupplier[j] + 1]++;
  }
}

/** In place: a[i] becomes a[0] + … + a[i]. */
export function cumulate(a: Int32Array): void {
  for (let i = 1, len = a.length; i < len; i++) a[i] += a[i - 1];
}

export function placeCritical(groupCount: number, groupLinks: Int32Array, linkSupplier: Int32Array, groupCritical: Uint8Array, next: Int32Array, criticalGroup: Int32Array): void {
  for (let g = 0; g < groupCount; g++) {
    if (groupCritical[g] !== 1) continue;
    for (let j = groupLinks[g], end = groupLinks[g + 1]; j < end; j++) criticalGroup[next[linkSupplier[j]]++] = g;
  }
}
