/**
 * Part catalogues of the two long industrial chains the 2020 figures tracked: what each
 * tier makes and what it buys. Tier 1 sells to leaders; tiers 2–4 are sub-components,
 * materials and basic inputs. An input usually sits one tier down; a few sit two tiers down
 * (a stamping plant buys steel sheet directly), which gives the cross-tier links.
 */
export const INDUSTRIES = ['automotive', 'electronics'] as const;
export type Industry = (typeof INDUSTRIES)[number];

export type Tier = 1 | 2 | 3 | 4;

export interface PartSpec {
  slug: string;
  /** Chinese trade word, used in supplier names ("十堰恒远线束有限公司"). */
  zh: string;
  tier: Tier;
  inputs: readonly string[];
  /** Share of links for this part that are critical, when parts differ from their tier. */
  criticalShare?: number;
}

export interface IndustryCatalog {
  parts: readonly PartSpec[];
  /** Parts a leader buys beyond tier 1, with the share of leaders that buy each. */
  leaderExtras: readonly { slug: string; share: number }[];
}

const p = (slug: string, zh: string, tier: Tier, inputs: string[] = [], criticalShare?: number): PartSpec =>
  criticalShare === undefined ? { slug, zh, tier, inputs } : { slug, zh, tier, inputs, criticalShare };

const AUTOMOTIVE: IndustryCatalog = {
  parts: [
    p('wiring-harness', '线束', 1, ['copper-wire', 'terminals', 'insulation-compound']),
    p('seats', '座椅', 1, ['seat-frame', 'foam', 'seat-fabric']),
    p('brake-system', '制动系统', 1, ['brake-pads', 'brake-calipers', 'hydraulic-valves']),
    p('steering-gear', '转向器', 1, ['gears', 'shafts', 'sensors']),
    p('engine-block', '缸体', 1, ['cast-blanks', 'machined-parts', 'pistons']),
    p('transmission', '变速器', 1, ['gears', 'shafts', 'clutch-plates', 'hydraulic-valves']),
    p('tires', '轮胎', 1, ['tire-cord', 'rubber-compound', 'steel-wire']),
    p('glass', '汽车玻璃', 1, ['float-glass', 'pvb-film']),
    p('lamps', '车灯', 1, ['led-chips', 'lamp-housings', 'optical-lens']),
    p('ecu', '电控单元', 1, ['pcb-assembly', 'sensors', 'terminals']),
    p('airbag', '安全气囊', 1, ['inflators', 'airbag-fabric', 'sensors']),
    p('castings', '铸件', 1, ['moulds', 'aluminium-ingot', 'foundry-sand']),
    p('forgings', '锻件', 1, ['moulds', 'steel-bar']),
    p('fasteners', '紧固件', 1, ['surface-coating', 'wire-rod']),
    p('bearings', '轴承', 1, ['bearing-rings', 'steel-balls', 'lubricants']),
    p('rubber-seals', '密封件', 1, ['rubber-compound', 'moulds']),
    p('stampings', '冲压件', 1, ['moulds', 'steel-sheet']),
    p('paint', '涂料', 1, ['resin', 'pigments', 'solvents']),

    p('copper-wire', '铜线', 2, ['copper-rod', 'resin', 'packaging']),
    p('terminals', '端子', 2, ['copper-strip', 'plating-chemicals', 'cutting-tools']),
    p('insulation-compound', '绝缘料', 2, ['resin', 'additives', 'plasticizers']),
    p('seat-frame', '座椅骨架', 2, ['steel-tube', 'steel-sheet', 'wire-rod']),
    p('foam', '发泡', 2, ['polyurethane', 'additives', 'packaging']),
    p('seat-fabric', '面料', 2, ['polyester-yarn', 'dyes', 'packaging']),
    p('brake-pads', '刹车片', 2, ['friction-materials', 'steel-sheet', 'resin']),
    p('brake-calipers', '制动钳', 2, ['pig-iron', 'aluminium-ingot', 'foundry-sand']),
    p('hydraulic-valves', '液压阀', 2, ['steel-bar', 'synthetic-rubber', 'cutting-tools']),
    p('gears', '齿轮', 2, ['steel-bar', 'cutting-tools', 'lubricants']),
    p('shafts', '轴类', 2, ['steel-bar', 'cutting-tools']),
    p('sensors', '传感器', 2, ['discrete-semiconductors', 'resin', 'bare-pcb']),
    p('cast-blanks', '铸造', 2, ['pig-iron', 'aluminium-ingot', 'foundry-sand']),
    p('machined-parts', '机械加工', 2, ['aluminium-ingot', 'steel-bar', 'cutting-tools', 'lubricants']),
    p('pistons', '活塞', 2, ['aluminium-ingot', 'cutting-tools']),
    p('clutch-plates', '离合器', 2, ['friction-materials', 'steel-sheet', 'resin']),
    p('tire-cord', '帘子布', 2, ['polyester-yarn', 'steel-wire', 'additives']),
    p('rubber-compound', '橡胶', 2, ['synthetic-rubber', 'natural-rubber', 'carbon-black']),
    p('float-glass', '玻璃', 2, ['silica-sand', 'soda-ash', 'industrial-gases']),
    p('pvb-film', '胶片', 2, ['resin', 'plasticizers']),
    p('led-chips', '光电', 2, ['discrete-semiconductors', 'bare-pcb']),
    p('lamp-housings', '灯具配件', 2, ['resin', 'pigments']),
    p('optical-lens', '光学', 2, ['resin', 'additives']),
    p('pcb-assembly', '电路板', 2, ['bare-pcb', 'discrete-semiconductors', 'solder']),
    p('inflators', '气体发生器', 2, ['propellant-chemicals', 'steel-tube']),
    p('airbag-fabric', '纺织', 2, ['nylon-yarn', 'resin']),
    p('moulds', '模具', 2, ['tool-steel', 'cutting-tools']),
    p('surface-coating', '表面处理', 2, ['plating-chemicals', 'zinc-ingot', 'industrial-chemicals']),
    p('bearing-rings', '套圈', 2, ['bearing-steel', 'cutting-tools', 'lubricants']),
    p('steel-balls', '钢球', 2, ['bearing-steel', 'lubricants']),

    p('copper-rod', '铜材', 3, ['scrap-metal', 'industrial-gases']),
    p('copper-strip', '铜带', 3, ['scrap-metal', 'packaging']),
    p('resin', '树脂', 3, ['industrial-chemicals', 'additives', 'packaging']),
    p('steel-sheet', '钢板', 3, ['industrial-gases', 'packaging']),
    p('steel-tube', '钢管', 3, ['industrial-gases', 'scrap-metal']),
    p('steel-bar', '钢材', 3, ['scrap-metal', 'industrial-gases']),
    p('steel-wire', '钢丝', 3, ['plating-chemicals', 'scrap-metal']),
    p('wire-rod', '线材', 3, ['scrap-metal', 'industrial-gases']),
    p('polyurethane', '聚氨酯', 3, ['industrial-chemicals', 'additives']),
    p('polyester-yarn', '化纤', 3, ['industrial-chemicals', 'packaging']),
    p('nylon-yarn', '尼龙', 3, ['industrial-chemicals', 'packaging']),
    p('friction-materials', '摩擦材料', 3, ['additives', 'industrial-chemicals']),
    p('pig-iron', '生铁', 3, ['scrap-metal', 'industrial-gases']),
    p('aluminium-ingot', '铝业', 3, ['scrap-metal', 'industrial-gases']),
    p('synthetic-rubber', '合成橡胶', 3, ['industrial-chemicals', 'additives']),
    p('natural-rubber', '胶业', 3, ['packaging']),
    p('discrete-semiconductors', '半导体', 3, ['industrial-gases', 'packaging']),
    p('cutting-tools', '刀具', 3, ['industrial-gases', 'packaging']),
    p('tool-steel', '模具钢', 3, ['scrap-metal', 'industrial-gases']),
    p('bearing-steel', '特钢', 3, ['scrap-metal', 'industrial-gases']),
    p('zinc-ingot', '锌业', 3, ['scrap-metal']),
    p('bare-pcb', '线路板', 3, ['plating-chemicals', 'industrial-chemicals']),
    p('pigments', '颜料', 3, ['industrial-chemicals', 'packaging']),
    p('propellant-chemicals', '精细化工', 3, ['industrial-chemicals', 'additives']),
    p('lubricants', '润滑油', 3, ['additives', 'packaging'], 0.4),

    p('scrap-metal', '再生资源', 4),
    p('industrial-chemicals', '化工', 4),
    p('additives', '助剂', 4, [], 0.6),
    p('industrial-gases', '气体', 4),
    p('plating-chemicals', '电镀材料', 4),
    p('dyes', '染料', 4, [], 0.5),
    p('carbon-black', '炭黑', 4),
    p('silica-sand', '石英砂', 4),
    p('soda-ash', '纯碱', 4),
    p('plasticizers', '增塑剂', 4),
    p('solder', '焊料', 4),
    p('foundry-sand', '铸造材料', 4),
    p('solvents', '溶剂', 4, [], 0.5),
    p('packaging', '包装', 4, [], 0.2),
  ],
  // Car makers run their own press shops and buy steel sheet directly.
  leaderExtras: [{ slug: 'steel-sheet', share: 0.5 }],
};

const ELECTRONICS: IndustryCatalog = {
  parts: [
    p('pcb', '电路', 1, ['copper-foil', 'laminate', 'pcb-chemicals']),
    p('passive-components', '电子元件', 1, ['ceramic-powder', 'electrode-paste']),
    p('display-panel', '显示', 1, ['glass-substrate', 'polarizer', 'backlight-unit', 'driver-ic']),
    p('battery-cell', '电池', 1, ['cathode-material', 'anode-material', 'separator', 'electrolyte']),
    p('camera-module', '影像', 1, ['lens', 'image-sensor', 'voice-coil-motor']),
    p('connectors', '连接器', 1, ['precision-stampings', 'engineering-plastics', 'surface-finishing']),
    p('chassis', '结构件', 1, ['aluminium-extrusions', 'die-castings', 'surface-finishing']),
    p('memory', '存储', 1, ['ic-substrate', 'bonding-wire', 'mould-compound']),
    p('power-supply', '电源', 1, ['magnetics', 'power-semiconductors', 'plastic-enclosures']),
    p('touch-panel', '触控', 1, ['cover-glass', 'ito-film', 'optical-adhesive']),
    p('antenna', '天线', 1, ['precision-stampings', 'engineering-plastics']),
    p('speaker', '声学', 1, ['magnets', 'diaphragms', 'voice-coils']),
    p('flex-cable', '柔性线路', 1, ['polyimide-film', 'copper-foil']),

    p('copper-foil', '铜箔', 2, ['electrolytic-copper', 'specialty-chemicals']),
    p('laminate', '覆铜板', 2, ['resin', 'glass-fibre-cloth', 'electrolytic-copper']),
    p('ceramic-powder', '陶瓷材料', 2, ['specialty-chemicals', 'rare-earth-materials']),
    p('electrode-paste', '浆料', 2, ['silver-powder', 'specialty-chemicals']),
    p('glass-substrate', '基板', 2, ['specialty-glass', 'specialty-chemicals']),
    p('polarizer', '偏光', 2, ['pva-film', 'tac-film', 'optical-film']),
    p('backlight-unit', '背光', 2, ['led-packages', 'optical-film', 'engineering-plastics']),
    p('driver-ic', '微电子', 2, ['silicon-wafer', 'specialty-gases']),
    p('cathode-material', '正极材料', 2, ['lithium-compounds', 'cobalt-nickel-salts']),
    p('anode-material', '负极材料', 2, ['graphite', 'specialty-chemicals']),
    p('separator', '隔膜', 2, ['polyolefin-resin', 'specialty-chemicals']),
    p('electrolyte', '电解液', 2, ['lithium-compounds', 'specialty-chemicals', 'solvents']),
    p('lens', '光学', 2, ['optical-glass', 'engineering-plastics']),
    p('image-sensor', '传感', 2, ['silicon-wafer', 'specialty-gases']),
    p('voice-coil-motor', '微电机', 2, ['enamelled-wire', 'rare-earth-materials', 'engineering-plastics']),
    p('precision-stampings', '精密五金', 2, ['copper-alloy-strip', 'plating-chemicals']),
    p('aluminium-extrusions', '铝型材', 2, ['aluminium-ingot', 'packaging']),
    p('die-castings', '压铸', 2, ['aluminium-ingot', 'magnesium-alloy']),
    p('surface-finishing', '表面处理', 2, ['specialty-chemicals', 'plating-chemicals']),
    p('ic-substrate', '载板', 2, ['resin', 'glass-fibre-cloth', 'electrolytic-copper']),
    p('bonding-wire', '键合材料', 2, ['precious-metals', 'electrolytic-copper']),
    p('mould-compound', '封装材料', 2, ['resin', 'silica-filler']),
    p('magnetics', '磁电', 2, ['ferrite-cores', 'enamelled-wire']),
    p('power-semiconductors', '功率半导体', 2, ['silicon-wafer', 'specialty-gases']),
    p('plastic-enclosures', '塑胶', 2, ['engineering-plastics', 'packaging']),
    p('cover-glass', '视窗玻璃', 2, ['specialty-glass', 'optical-film']),
    p('ito-film', '导电膜', 2, ['pet-film', 'indium-targets']),
    p('optical-adhesive', '胶粘材料', 2, ['resin', 'specialty-chemicals']),
    p('magnets', '磁材', 2, ['rare-earth-materials', 'packaging']),
    p('diaphragms', '振膜', 2, ['pet-film', 'resin']),
    p('voice-coils', '音圈', 2, ['enamelled-wire', 'resin']),
    p('polyimide-film', '薄膜', 2, ['specialty-chemicals', 'solvents']),

    p('electrolytic-copper', '铜业', 3, ['scrap-metal', 'industrial-chemicals']),
    p('resin', '树脂', 3, ['industrial-chemicals', 'packaging']),
    p('glass-fibre-cloth', '玻纤', 3, ['quartz-sand', 'industrial-chemicals']),
    p('specialty-chemicals', '电子化学品', 3, ['industrial-chemicals', 'solvents']),
    p('silver-powder', '银粉', 3, ['industrial-chemicals', 'packaging']),
    p('specialty-glass', '特种玻璃', 3, ['quartz-sand', 'specialty-gases']),
    p('pva-film', '功能膜', 3, ['industrial-chemicals', 'solvents']),
    p('tac-film', '光学膜材', 3, ['industrial-chemicals', 'solvents']),
    p('led-packages', 'LED封装', 3, ['specialty-gases', 'packaging']),
    p('optical-film', '光学薄膜', 3, ['industrial-chemicals', 'solvents']),
    p('silicon-wafer', '硅材料', 3, ['specialty-gases', 'quartz-sand']),
    p('lithium-compounds', '锂业', 3, ['industrial-chemicals', 'packaging']),
    p('cobalt-nickel-salts', '钴镍材料', 3, ['industrial-chemicals', 'packaging']),
    p('graphite', '石墨', 3, ['packaging']),
    p('polyolefin-resin', '高分子材料', 3, ['industrial-chemicals', 'solvents']),
    p('optical-glass', '光学玻璃', 3, ['quartz-sand']),
    p('engineering-plastics', '工程塑料', 3, ['industrial-chemicals', 'packaging']),
    p('enamelled-wire', '漆包线', 3, ['solvents', 'scrap-metal']),
    p('rare-earth-materials', '稀土材料', 3, ['industrial-chemicals']),
    p('copper-alloy-strip', '铜合金', 3, ['scrap-metal', 'plating-chemicals']),
    p('aluminium-ingot', '铝业', 3, ['scrap-metal']),
    p('magnesium-alloy', '镁合金', 3, ['scrap-metal']),
    p('precious-metals', '贵金属', 3, ['scrap-metal']),
    p('silica-filler', '硅微粉', 3, ['quartz-sand']),
    p('ferrite-cores', '磁芯', 3, ['industrial-chemicals']),
    p('pet-film', '聚酯薄膜', 3, ['industrial-chemicals', 'packaging']),
    p('indium-targets', '靶材', 3, ['scrap-metal']),
    p('pcb-chemicals', '化学品', 3, ['industrial-chemicals', 'solvents']),

    p('industrial-chemicals', '化工', 4),
    p('specialty-gases', '电子特气', 4),
    p('packaging', '包装', 4, [], 0.2),
    p('solvents', '溶剂', 4, [], 0.5),
    p('quartz-sand', '石英', 4),
    p('plating-chemicals', '电镀材料', 4),
    p('scrap-metal', '再生资源', 4),
  ],
  // Device makers buy cartons and trays directly; rarely a reason to stop a line.
  leaderExtras: [{ slug: 'packaging', share: 0.7 }],
};

export const CATALOGS: Readonly<Record<Industry, IndustryCatalog>> = Object.freeze({
  automotive: AUTOMOTIVE,
  electronics: ELECTRONICS,
});

/** One part of one industry, with its inputs resolved to product indices. */
export interface Product {
  index: number;
  industry: Industry;
  slug: string;
  zh: string;
  tier: Tier;
  inputs: number[];
  criticalShare?: number;
}

/**
 * Every part of every industry as one indexed table. The same slug in two industries
 * ("resin") is two products: each chain has its own suppliers of it.
 * Throws when a catalogue names an unknown input or an input that is not further upstream.
 */
export function productTable(): Product[] {
  const products: Product[] = [];
  for (const industry of INDUSTRIES) {
    const bySlug = new Map<string, number>();
    for (const spec of CATALOGS[industry].parts) {
      if (bySlug.has(spec.slug)) throw new Error(`scenario catalog: ${industry} lists "${spec.slug}" twice`);
      bySlug.set(spec.slug, products.length);
      products.push({ index: products.length, industry, slug: spec.slug, zh: spec.zh, tier: spec.tier, inputs: [], criticalShare: spec.criticalShare });
    }
    for (const spec of CATALOGS[industry].parts) {
      const product = products[bySlug.get(spec.slug)!];
      for (const input of spec.inputs) {
        const i = bySlug.get(input);
        if (i === undefined) throw new Error(`scenario catalog: ${industry}/${spec.slug} needs unknown part "${input}"`);
        if (products[i].tier <= spec.tier) {
          throw new Error(`scenario catalog: ${industry}/${spec.slug} (tier ${spec.tier}) needs "${input}" from tier ${products[i].tier}`);
        }
        product.inputs.push(i);
      }
    }
    for (const extra of CATALOGS[industry].leaderExtras) {
      if (!bySlug.has(extra.slug)) throw new Error(`scenario catalog: ${industry} leaders buy unknown part "${extra.slug}"`);
    }
  }
  return products;
}
