/**
 * Hypothetical extra sources for a what-if (§8: `addLinks`): the network with some links
 * added, compiled anew. Enterprises keep their indices (links only ever name known ones), so
 * availability arrays of the base network and of the extended one compare index by index.
 * A link already present is left as it is; a new one is critical (the default of §1).
 */
import type { CompactNetwork } from './compact';
import { decompile } from './compact';
import { compileNetwork, type CompiledNetwork } from './compile';

export interface AddedLink {
  supplier: string;
  customer: string;
  part: string;
}

export function withAddedLinks(net: CompiledNetwork, status: Uint8Array, links: readonly AddedLink[]): CompiledNetwork {
  const where = 'whatIf: addLinks';
  const base = decompile(net, status);
  const m0 = base.linkSupplier.length;
  const parts = [...base.parts];
  const partIndex = new Map(parts.map((p, i) => [p, i]));
  const extra: Array<[number, number, number]> = [];
  const seen = new Set<string>();
  links.forEach((l, i) => {
    const s = net.index.get(l.supplier);
    const c = net.index.get(l.customer);
    if (s === undefined || c === undefined) {
      throw new RangeError(`${where}[${i}]: unknown enterprise ${JSON.stringify(s === undefined ? l.supplier : l.customer)}`);
    }
    if (s === c) throw new RangeError(`${where}[${i}]: an enterprise cannot supply itself`);
    let p = partIndex.get(l.part);
    if (p === undefined) {
      p = parts.push(l.part) - 1;
      partIndex.set(l.part, p);
    }
    if (hasLink(net, s, c, l.part) || seen.has(`${s}|${c}|${p}`)) return;
    seen.add(`${s}|${c}|${p}`);
    extra.push([s, c, p]);
  });
  const grow32 = (a: Int32Array, k: 0 | 1 | 2) => {
    const b = new Int32Array(m0 + extra.length);
    b.set(a);
    extra.forEach((e, i) => (b[m0 + i] = e[k]));
    return b;
  };
  const critical = new Uint8Array(m0 + extra.length).fill(1);
  critical.set(base.linkCritical);
  const compact: CompactNetwork = {
    ...base,
    parts,
    linkSupplier: grow32(base.linkSupplier, 0),
    linkCustomer: grow32(base.linkCustomer, 1),
    linkPart: grow32(base.linkPart, 2),
    linkCritical: critical,
    index: net.index,
  };
  return compileNetwork(compact);
}

function hasLink(net: CompiledNetwork, s: number, c: number, part: string): boolean {
  for (let g = net.customerGroups[c]; g < net.customerGroups[c + 1]; g++) {
    if (net.parts[net.groupPart[g]] !== part) continue;
    for (let j = net.groupLinks[g]; j < net.groupLinks[g + 1]; j++) if (net.linkSupplier[j] === s) return true;
  }
  return false;
}
