/**
 * The enterprise of an import document that most tests need: named after its id, automotive,
 * resumed unless said otherwise. `over` sets any other field (name, industry, capacityPct…).
 */
export function ent(id: string, role: 'leader' | 'supplier' = 'supplier', province = '420000', status: 'resumed' | 'suspended' = 'resumed', over: Record<string, unknown> = {}) {
  return { id, name: id, role, industry: 'automotive', province, status, ...over };
}
