/**
 * The 34 provincial-level divisions of GB/T 2260, keyed by their six-digit code.
 * Only these codes are accepted as an enterprise's province.
 */
export interface Province {
  code: string;
  zh: string;
  en: string;
}

export const PROVINCES: readonly Province[] = Object.freeze(
  [
    { code: '110000', zh: '北京市', en: 'Beijing' },
    { code: '120000', zh: '天津市', en: 'Tianjin' },
    { code: '130000', zh: '河北省', en: 'Hebei' },
    { code: '140000', zh: '山西省', en: 'Shanxi' },
    { code: '150000', zh: '内蒙古自治区', en: 'Inner Mongolia' },
    { code: '210000', zh: '辽宁省', en: 'Liaoning' },
    { code: '220000', zh: '吉林省', en: 'Jilin' },
    { code: '230000', zh: '黑龙江省', en: 'Heilongjiang' },
    { code: '310000', zh: '上海市', en: 'Shanghai' },
    { code: '320000', zh: '江苏省', en: 'Jiangsu' },
    { code: '330000', zh: '浙江省', en: 'Zhejiang' },
    { code: '340000', zh: '安徽省', en: 'Anhui' },
    { code: '350000', zh: '福建省', en: 'Fujian' },
    { code: '360000', zh: '江西省', en: 'Jiangxi' },
    { code: '370000', zh: '山东省', en: 'Shandong' },
    { code: '410000', zh: '河南省', en: 'Henan' },
    { code: '420000', zh: '湖北省', en: 'Hubei' },
    { code: '430000', zh: '湖南省', en: 'Hunan' },
    { code: '440000', zh: '广东省', en: 'Guangdong' },
    { code: '450000', zh: '广西壮族自治区', en: 'Guangxi' },
    { code: '460000', zh: '海南省', en: 'Hainan' },
    { code: '500000', zh: '重庆市', en: 'Chongqing' },
    { code: '510000', zh: '四川省', en: 'Sichuan' },
    { code: '520000', zh: '贵州省', en: 'Guizhou' },
    { code: '530000', zh: '云南省', en: 'Yunnan' },
    { code: '540000', zh: '西藏自治区', en: 'Tibet' },
    { code: '610000', zh: '陕西省', en: 'Shaanxi' },
    { code: '620000', zh: '甘肃省', en: 'Gansu' },
    { code: '630000', zh: '青海省', en: 'Qinghai' },
    { code: '640000', zh: '宁夏回族自治区', en: 'Ningxia' },
    { code: '650000', zh: '新疆维吾尔自治区', en: 'Xinjiang' },
    { code: '710000', zh: '台湾省', en: 'Taiwan' },
    { code: '810000', zh: '香港特别行政区', en: 'Hong Kong' },
    { code: '820000', zh: '澳门特别行政区', en: 'Macao' },
  ].map((p) => Object.freeze(p)),
);

const BY_CODE = new Map(PROVINCES.map((p) => [p.code, p]));

export function isProvinceCode(code: string): boolean {
  return BY_CODE.has(code);
}

export function province(code: string): Province | undefined {
  return BY_CODE.get(code);
}

/** "湖北省 Hubei" — how provinces are shown to people. */
export function provinceLabel(code: string): string {
  const p = BY_CODE.get(code);
  return p ? `${p.zh} ${p.en}` : code;
}

/** Administrative suffixes of the Chinese names, longest first: 湖北省 → 湖北, 广西壮族自治区 → 广西. */
const ZH_SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '省', '市'];

function shortZh(zh: string): string {
  for (const s of ZH_SUFFIXES) if (zh.endsWith(s) && zh.length > s.length) return zh.slice(0, -s.length);
  return zh;
}

/** Lower case, no spaces, hyphens or dots: "Inner Mongolia" → "innermongolia". */
function englishKey(s: string): string {
  return s.toLowerCase().replace(/[\s\-_.]+/g, '');
}

const BY_NAME = new Map<string, string>();
for (const p of PROVINCES) {
  BY_NAME.set(p.zh, p.code);
  BY_NAME.set(shortZh(p.zh), p.code);
  BY_NAME.set(englishKey(p.en), p.code);
}
// Common spellings besides the table's own.
for (const [alias, code] of [
  ['macau', '820000'],
  ['xizang', '540000'],
  ['neimenggu', '150000'],
  ['hongkongsar', '810000'],
  ['macaosar', '820000'],
] as const) {
  BY_NAME.set(alias, code);
}

/**
 * The code of a province named by its code (420000), its Chinese name with or without the
 * administrative suffix (湖北省, 湖北) or its English name in any case, with or without its
 * official suffix (Hubei, hubei, "Hubei Province", "Guangxi Zhuang Autonomous Region", "Hubei
 * Sheng"); undefined when it names none.
 */
export function resolveProvince(input: string): string | undefined {
  const s = input.normalize('NFKC').trim();
  if (BY_CODE.has(s)) return s;
  const zh = BY_NAME.get(s) ?? BY_NAME.get(shortZh(s));
  if (zh) return zh;
  const en = englishKey(s).replace(/(province|municipality|city|(zhuang|hui|uygur|uyghur|uighur)?autonomousregion|specialadministrativeregion|sar|sheng|shi)$/, '');
  return BY_NAME.get(en) ?? BY_NAME.get(englishKey(s));
}
