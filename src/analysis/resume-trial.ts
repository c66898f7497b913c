/**
 * What resuming one down enterprise r alone would clear (§2.8 unblocksIfResumed), computed
 * exactly without touching the analysis state.
 *
 * Resuming r can only free what r reaches in H (its region R: see propagate.ts), and inside
 * R only lost parts matter: a part that is not lost has an available supplier, which stays
 * available. So the trial is the least fixed point restricted to R: an enterprise of R stays
 * unavailable ("stuck") when one of its lost parts has all its suppliers outside R or among
 * those already found stuck. r's own lost parts count too: once resumed, it may be blocked
 * by them. Cost: O(|R| + lost-part links into R).
 *
 * The same trial answers "what if this lost group got an available supplier" (alternate
 * suppliers, alternates.ts): the region is then the customer's reach in H, and the restored
 * group is simply no longer lost.
 */
import type { CompiledNetwork } from './compile';
import type { AvailabilityState } from './state';

export class ResumeTrial {
  private readonly stuck: Int32Array;
  private readonly work: Int32Array;
  /** Per lost group of a region member: its suppliers in the region not yet found stuck. */
  private readonly pending: Int32Array;

  constructor(
    private readonly net: CompiledNetwork,
    private readonly state: AvailabilityState,
  ) {
    this.stuck = new Int32Array(net.size);
    this.work = new Int32Array(net.size);
    this.pending = new Int32Array(net.groupCount);
  }

  /**
   * How many of `leaders` (blocked, in the region) would be clear if r alone resumed. The
   * region is region[0 .. size - 1] with r first, each member marked inRegion[x] === epoch;
   * `epoch` must differ between calls.
   */
  cleared(region: Int32Array, size: number, inRegion: Int32Array, epoch: number, leaders: ArrayLike<number>): number {
    let cleared = 0;
    if (this.run(region, size, inRegion, epoch, leaders, -1)) {
      for (let i = 0; i < leaders.length; i++) if (this.stuck[leaders[i]] !== epoch) cleared++;
    }
    return cleared;
  }

  /**
   * Which of `leaders` (blocked, in the region) would be clear if the lost group `restored`
   * got an available supplier. The region is what the group's customer reaches in H, the
   * customer first, marked as for cleared(); `epoch` must differ between calls.
   */
  clearedByRestoring(restored: number, region: Int32Array, size: number, inRegion: Int32Array, epoch: number, leaders: readonly number[]): number[] {
    const out: number[] = [];
    if (this.run(region, size, inRegion, epoch, leaders, restored)) {
      for (const l of leaders) if (this.stuck[l] !== epoch) out.push(l);
    }
    return out;
  }

  /**
   * Marks stuck[x] = epoch for every region member that stays unavailable; returns false
   * (marking nothing) when every leader is known to stay blocked without the search.
   */
  private run(region: Int32Array, size: number, inRegion: Int32Array, epoch: number, leaders: ArrayLike<number>, restored: number): boolean {
    // Usually a blocked leader also lacks a part that r does not reach at all; it then stays
    // blocked whatever r does, and when that holds for all of them the trial is over.
    let stuckAnyway = true;
    for (let i = 0; i < leaders.length && stuckAnyway; i++) stuckAnyway = this.lacksPartOutside(leaders[i], inRegion, epoch, restored);
    if (stuckAnyway) return false;
    const { net, stuck, work, pending } = this;
    const { supply } = this.state;
    const { customerGroups, groupCritical, groupLinks, linkSupplier, groupCustomer, criticalLinks, criticalGroup } = net;
    let tail = 0;
    for (let i = 0; i < size; i++) {
      const c = region[i];
      let isStuck = false;
      for (let g = customerGroups[c], gEnd = customerGroups[c + 1]; g < gEnd; g++) {
        if (supply[g] !== 0 || groupCritical[g] !== 1 || g === restored) continue;
        let inside = 0;
        for (let j = groupLinks[g], end = groupLinks[g + 1]; j < end; j++) {
          if (inRegion[linkSupplier[j]] === epoch) inside++;
        }
        pending[g] = inside;
        if (inside === 0) isStuck = true;
      }
      if (isStuck) {
        stuck[c] = epoch;
        work[tail++] = c;
      }
    }
    for (let head = 0; head < tail; head++) {
      const y = work[head];
      for (let j = criticalLinks[y], end = criticalLinks[y + 1]; j < end; j++) {
        const g = criticalGroup[j];
        if (supply[g] !== 0 || g === restored) continue;
        const c = groupCustomer[g];
        if (inRegion[c] !== epoch || stuck[c] === epoch) continue;
        if (--pending[g] === 0) {
          stuck[c] = epoch;
          work[tail++] = c;
        }
      }
    }
    return true;
  }

  /** Whether c has a lost part none of whose suppliers is in the region. */
  private lacksPartOutside(c: number, inRegion: Int32Array, epoch: number, restored: number): boolean {
    const { supply } = this.state;
    const { customerGroups, groupCritical, groupLinks, linkSupplier } = this.net;
    for (let g = customerGroups[c], gEnd = customerGroups[c + 1]; g < gEnd; g++) {
      if (supply[g] !== 0 || groupCritical[g] !== 1 || g === restored) continue;
      let inside = false;
      for (let j = groupLinks[g], end = groupLinks[g + 1]; j < end && !inside; j++) {
        inside = inRegion[linkSupplier[j]] === epoch;
      }
      if (!inside) return true;
    }
    return false;
  }
}
