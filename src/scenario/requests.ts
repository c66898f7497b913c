/**
 * The demonstration's enterprise requests (§9): what the 2020 campaign heard on its video
 * calls and questionnaires, raised by the enterprises the scenario leaves down on its day.
 *
 * - Suspended Hubei suppliers whose customers sit in other provinces: trucks held at the
 *   border (logistics), routed to the customer's province, which must open a green channel.
 * - Suspended Hubei suppliers: workers who cannot return (workforce), for Hubei itself.
 * - Suppliers elsewhere whose own supplier is a suspended Hubei enterprise: materials, routed
 *   to Hubei through the counterpart enterprise.
 * - Others everywhere: financing, epidemic supplies and policy questions for their province.
 *
 * Deterministic: the same document gives the same requests.
 */
import type { ImportDocument, Status } from '../graph/schema';
import { province as provinceOf } from '../shared/provinces';
import { productTable } from './catalog';
import { Rng } from './rng';

export interface DemoRequest {
  enterprise: string;
  category: 'logistics' | 'workforce' | 'materials' | 'financing' | 'epidemic-supplies' | 'policy';
  title: string;
  description: string;
  counterpartProvince?: string;
  counterpartEnterprise?: string;
  raisedOn: string;
}

const HUBEI = '420000';
const FIRST_DAY = Date.parse('2020-02-17T00:00:00Z');

/** Statuses on `asOf`: the latest report on or before it, else the enterprise's own. */
function statusesOn(doc: ImportDocument, asOf: string): Map<string, Status> {
  const status = new Map(doc.enterprises.map((e) => [e.id, e.status]));
  const seen = new Map<string, string>();
  for (const r of doc.statusReports) {
    if (r.asOf === undefined || r.asOf > asOf) continue;
    if ((seen.get(r.enterprise) ?? '') <= r.asOf) {
      seen.set(r.enterprise, r.asOf);
      status.set(r.enterprise, r.status);
    }
  }
  return status;
}

export function demoRequests(doc: ImportDocument, asOf: string, perKind = 6): DemoRequest[] {
  const rng = new Rng(2020_0224);
  const byId = new Map(doc.enterprises.map((e) => [e.id, e]));
  const status = statusesOn(doc, asOf);
  const down = (id: string) => status.get(id) === 'suspended';
  const span = Math.max(1, Math.round((Date.parse(`${asOf}T00:00:00Z`) - FIRST_DAY) / 86_400_000));
  const day = () => new Date(FIRST_DAY + rng.int(span) * 86_400_000).toISOString().slice(0, 10);
  const name = (id: string) => byId.get(id)?.name ?? id;
  const zh = (code: string) => provinceOf(code)?.zh ?? code;
  const partNames = new Map(productTable().map((p) => [p.slug, p.zh]));
  const part = (slug: string) => partNames.get(slug) ?? slug;
  const out: DemoRequest[] = [];
  const used = new Set<string>();
  const take = (id: string) => !used.has(id) && (used.add(id), true);

  // Down Hubei suppliers shipping to other provinces.
  const crossBorder = doc.links.filter((l) => byId.get(l.supplier)?.province === HUBEI && down(l.supplier) && byId.get(l.customer)?.province !== HUBEI);
  for (const l of crossBorder) {
    if (out.length >= perKind) break;
    if (!take(l.supplier)) continue;
    const customer = byId.get(l.customer)!;
    out.push({
      enterprise: l.supplier,
      category: 'logistics',
      title: `发往${zh(customer.province)}的货车在省界滞留`,
      description: `我司供给${name(customer.id)}的${part(l.part)}已备货，但运输车辆在进入${zh(customer.province)}的检查站被拦，司机须隔离14天。请求开通绿色通道，凭通行证放行。`,
      counterpartEnterprise: customer.id,
      raisedOn: day(),
    });
  }
  // Workers who cannot return to Hubei plants.
  for (const e of doc.enterprises) {
    if (out.length >= 2 * perKind) break;
    if (e.province !== HUBEI || e.role !== 'supplier' || !down(e.id) || !take(e.id)) continue;
    out.push({
      enterprise: e.id,
      category: 'workforce',
      title: '外地员工无法返岗',
      description: `约${20 + rng.int(150)}名员工因交通管制和社区封闭无法返回工厂，产线无法开工。请求协调返岗专车和健康证明互认。`,
      raisedOn: day(),
    });
  }
  // Suppliers elsewhere starved by a down Hubei supplier.
  const starved = doc.links.filter(
    (l) => byId.get(l.supplier)?.province === HUBEI && down(l.supplier) && byId.get(l.customer)?.province !== HUBEI && byId.get(l.customer)?.role === 'supplier',
  );
  for (const l of starved) {
    if (out.length >= 3 * perKind) break;
    if (!take(l.customer)) continue;
    out.push({
      enterprise: l.customer,
      category: 'materials',
      title: `${part(l.part)}断供`,
      description: `湖北供应商${name(l.supplier)}停产，我司${part(l.part)}库存仅够${2 + rng.int(8)}天生产，暂无替代供应商。请求协调其尽快复工或帮助对接替代货源。`,
      counterpartEnterprise: l.supplier,
      raisedOn: day(),
    });
  }
  // Everyday obstacles elsewhere.
  const KINDS = [
    { category: 'financing' as const, title: '流动资金紧张', description: '停工期间工资、租金照付，订单回款推迟，请求贷款展期和贴息支持。' },
    { category: 'epidemic-supplies' as const, title: '口罩和测温设备不足', description: '复工需每日两只口罩/人和红外测温枪，现有库存仅够三天，请求协调采购渠道。' },
    { category: 'policy' as const, title: '复工审批材料繁复', description: '复工备案需要多个部门分别盖章，请求明确一站式办理流程。' },
  ];
  const others = doc.enterprises.filter((e) => e.role === 'supplier' && e.province !== HUBEI && status.get(e.id) !== 'resumed');
  for (let k = 0; k < perKind && others.length > 0; k++) {
    const e = others[rng.int(others.length)];
    if (!take(e.id)) continue;
    out.push({ enterprise: e.id, ...KINDS[k % KINDS.length], raisedOn: day() });
  }
  return out;
}
