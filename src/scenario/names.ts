/**
 * Made-up but plausible identities: company names in the usual Chinese pattern
 * (city + trade name + line of business + legal form), unified social credit codes with
 * valid check characters, and contacts on the reserved `.example` domain.
 * Trade names are generic words; combined with a city they are not meant to name any
 * real company.
 */
import { withUsccCheckChar } from '../graph/uscc';
import type { Industry } from './catalog';
import type { City } from './geography';
import type { Rng } from './rng';

// A table, five brands a row (kept as laid out):
// prettier-ignore
const BRANDS: readonly (readonly [string, string])[] = [
  ['恒远', 'Hengyuan'], ['启航', 'Qihang'], ['嘉宸', 'Jiachen'], ['锦程', 'Jincheng'], ['擎宇', 'Qingyu'],
  ['骏达', 'Junda'], ['驰远', 'Chiyuan'], ['拓新', 'Tuoxin'], ['凌峰', 'Lingfeng'], ['安驰', 'Anchi'],
  ['华岳', 'Huayue'], ['瑞丰', 'Ruifeng'], ['宏图', 'Hongtu'], ['鼎盛', 'Dingsheng'], ['金桥', 'Jinqiao'],
  ['天成', 'Tiancheng'], ['永固', 'Yonggu'], ['精工', 'Jinggong'], ['新锐', 'Xinrui'], ['博远', 'Boyuan'],
  ['汇通', 'Huitong'], ['联创', 'Lianchuang'], ['盛达', 'Shengda'], ['昌隆', 'Changlong'], ['众鑫', 'Zhongxin'],
  ['华茂', 'Huamao'], ['海川', 'Haichuan'], ['顺通', 'Shuntong'], ['腾飞', 'Tengfei'], ['远航', 'Yuanhang'],
  ['卓越', 'Zhuoyue'], ['明辉', 'Minghui'], ['东升', 'Dongsheng'], ['南越', 'Nanyue'], ['西岭', 'Xiling'],
  ['嘉禾', 'Jiahe'], ['鸿运', 'Hongyun'], ['恒信', 'Hengxin'], ['德信', 'Dexin'], ['立诚', 'Licheng'],
  ['智联', 'Zhilian'], ['浩然', 'Haoran'], ['卓然', 'Zhuoran'], ['润泽', 'Runze'], ['青云', 'Qingyun'],
  ['云帆', 'Yunfan'], ['星河', 'Xinghe'], ['辰光', 'Chenguang'], ['晨阳', 'Chenyang'], ['瀚海', 'Hanhai'],
  ['长风', 'Changfeng'], ['鹏程', 'Pengcheng'], ['坤元', 'Kunyuan'], ['乾元', 'Qianyuan'], ['泰和', 'Taihe'],
  ['安泰', 'Antai'], ['永昌', 'Yongchang'], ['富源', 'Fuyuan'], ['金鼎', 'Jinding'], ['华晟', 'Huasheng'],
  ['亿丰', 'Yifeng'], ['万顺', 'Wanshun'], ['百川', 'Baichuan'], ['精诚', 'Jingcheng'], ['信和', 'Xinhe'],
  ['宇航', 'Yuhang'], ['兴荣', 'Xingrong'], ['德润', 'Derun'], ['协力', 'Xieli'], ['正阳', 'Zhengyang'],
  ['恒通', 'Hengtong'], ['佳润', 'Jiarun'], ['合盛', 'Hesheng'], ['奥翔', 'Aoxiang'], ['锐驰', 'Ruichi'],
  ['广源', 'Guangyuan'], ['华翔', 'Huaxiang'], ['科达', 'Keda'], ['振宇', 'Zhenyu'], ['益通', 'Yitong'],
];

const LEADER_FORMS: Readonly<Record<Industry, readonly (readonly [string, string])[]>> = {
  automotive: [
    ['汽车有限公司', 'Motor'],
    ['汽车集团有限公司', 'Automobile Group'],
    ['汽车制造有限公司', 'Automotive'],
  ],
  electronics: [
    ['电子科技有限公司', 'Electronics'],
    ['智能终端有限公司', 'Smart Devices'],
    ['信息技术有限公司', 'Information Technology'],
  ],
};

const SUPPLIER_FORMS = ['有限公司', '科技有限公司', '制造有限公司', '实业有限公司', '工业有限公司'] as const;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢';

/**
 * Hands out company names. Unique ones by default; benchmark-sized documents may skip the
 * bookkeeping (`unique: false`), and then two SMEs can share a name.
 */
export class NameBook {
  private readonly used = new Set<string>();
  private leaderBrands: number[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly unique = true,
  ) {}

  leader(industry: Industry, city: City): string {
    if (this.leaderBrands.length === 0) this.leaderBrands = this.rng.shuffle(BRANDS.map((_, i) => i));
    const [formZh, formEn] = this.rng.pick(LEADER_FORMS[industry]);
    for (let attempt = 0; ; attempt++) {
      const [zh, en] = attempt === 0 && this.leaderBrands.length > 0 ? BRANDS[this.leaderBrands.pop()!] : this.compoundBrand();
      const name = `${city.prefix}${zh}${formZh} (${en} ${formEn}, ${city.en})`;
      if (this.claim(name)) return name;
    }
  }

  supplier(trade: string, city: City): string {
    const form = this.rng.pick(SUPPLIER_FORMS);
    const name = `${city.prefix}${this.rng.pick(BRANDS)[0]}${trade}${form}`;
    if (this.claim(name)) return name;
    for (let attempt = 0; attempt < 4; attempt++) {
      const longer = `${city.prefix}${this.compoundBrand()[0]}${trade}${form}`;
      if (this.claim(longer)) return longer;
    }
    for (let n = 2; ; n++) {
      const branch = `${name}第${n}分公司`;
      if (this.claim(branch)) return branch;
    }
  }

  private compoundBrand(): readonly [string, string] {
    const a = this.rng.pick(BRANDS);
    const b = this.rng.pick(BRANDS);
    return [a[0] + b[0], a[1] + b[1].toLowerCase()];
  }

  private claim(name: string): boolean {
    if (!this.unique) return true;
    if (this.used.has(name)) return false;
    this.used.add(name);
    return true;
  }
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_SPACE = 100_000_000;
// Coprime with 10^8, so `serial -> serial * STRIDE + offset (mod 10^8)` never repeats a code.
const ORG_STRIDE = 7_919_993;

/**
 * A unified social credit code: "91" (market regulator, company), the city's six-digit
 * division code, a nine-character organisation code (eight digits and its GB 11714 check
 * character), and the GB 32100 check character. `serial` makes it unique in the document.
 */
export function usccFor(cityCode: string, serial: number, offset: number): string {
  const digits = String((serial * ORG_STRIDE + offset) % ORG_SPACE).padStart(8, '0');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_WEIGHTS[i] * (digits.charCodeAt(i) - 48);
  const check = 11 - (sum % 11);
  const orgCheck = check === 10 ? 'X' : check === 11 ? '0' : String(check);
  return withUsccCheckChar(`91${cityCode}${digits}${orgCheck}`);
}

/** A production desk to call; names are a surname and a title, mailboxes on `.example`. */
export function contactFor(rng: Rng, id: string, isLeader: boolean): string {
  const surname = SURNAMES[rng.int(SURNAMES.length)];
  const desk = isLeader ? '供应链管理部' : '生产调度';
  const mailbox = isLeader ? 'supply-chain' : 'dispatch';
  return `${desk} ${surname}经理 <${mailbox}@${id.toLowerCase()}.example>`;
}
