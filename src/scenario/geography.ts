/**
 * Where the scenario's enterprises are: the provinces of the two chains, their industrial
 * clusters (Yangtze and Pearl River deltas, Hubei's Wuhan–Shiyan–Xiangyang auto corridor,
 * Chongqing–Sichuan, the north-east), and real prefecture or district codes (GB/T 2260)
 * for cities, which also go into characters 3–8 of the unified social credit codes.
 */
import type { Industry } from './catalog';

export const HUBEI = '420000';

export type Cluster = 'yangtze' | 'pearl' | 'central' | 'southwest' | 'north' | 'northeast' | 'northwest';
export const CLUSTERS: readonly Cluster[] = ['yangtze', 'pearl', 'central', 'southwest', 'north', 'northeast', 'northwest'];

export interface City {
  /** GB/T 2260 code of the prefecture-level city, or of the district in a municipality. */
  code: string;
  name: string;
  /** How company names start: "十堰", or "上海" for a district of Shanghai. */
  prefix: string;
  en: string;
  /** Relative share of each chain's enterprises in this city, within its province. */
  weight: Readonly<Record<Industry, number>>;
}

export interface ProvinceProfile {
  code: string;
  cluster: Cluster;
  /** Relative share of each chain's supporting SMEs in this province. */
  suppliers: Readonly<Record<Industry, number>>;
  cities: readonly City[];
}

const c = (code: string, name: string, prefix: string, en: string, automotive: number, electronics: number): City => ({
  code,
  name,
  prefix,
  en,
  weight: { automotive, electronics },
});

// A table, one province a row with its cities beside it (kept as laid out):
// prettier-ignore
export const PROVINCE_PROFILES: readonly ProvinceProfile[] = [
  { code: '110000', cluster: 'north', suppliers: { automotive: 2, electronics: 2 }, cities: [
    c('110108', '北京市海淀区', '北京', 'Beijing', 0, 3), c('110113', '北京市顺义区', '北京', 'Beijing', 3, 1),
    c('110115', '北京市大兴区', '北京', 'Beijing', 2, 1), c('110114', '北京市昌平区', '北京', 'Beijing', 1, 2)] },
  { code: '120000', cluster: 'north', suppliers: { automotive: 3, electronics: 2 }, cities: [
    c('120116', '天津市滨海新区', '天津', 'Tianjin', 3, 3), c('120110', '天津市东丽区', '天津', 'Tianjin', 1, 1),
    c('120111', '天津市西青区', '天津', 'Tianjin', 1, 1)] },
  { code: '130000', cluster: 'north', suppliers: { automotive: 3, electronics: 1 }, cities: [
    c('130100', '石家庄市', '石家庄', 'Shijiazhuang', 1, 1), c('130200', '唐山市', '唐山', 'Tangshan', 1, 0),
    c('130600', '保定市', '保定', 'Baoding', 3, 1), c('131000', '廊坊市', '廊坊', 'Langfang', 1, 2)] },
  { code: '210000', cluster: 'northeast', suppliers: { automotive: 3, electronics: 1 }, cities: [
    c('210100', '沈阳市', '沈阳', 'Shenyang', 3, 1), c('210200', '大连市', '大连', 'Dalian', 2, 2)] },
  { code: '220000', cluster: 'northeast', suppliers: { automotive: 6, electronics: 1 }, cities: [
    c('220100', '长春市', '长春', 'Changchun', 6, 2), c('220200', '吉林市', '吉林', 'Jilin', 2, 1),
    c('220300', '四平市', '四平', 'Siping', 1, 0)] },
  { code: '230000', cluster: 'northeast', suppliers: { automotive: 1, electronics: 0 }, cities: [
    c('230100', '哈尔滨市', '哈尔滨', 'Harbin', 2, 1)] },
  { code: '310000', cluster: 'yangtze', suppliers: { automotive: 8, electronics: 6 }, cities: [
    c('310114', '上海市嘉定区', '上海', 'Shanghai', 5, 1), c('310115', '上海市浦东新区', '上海', 'Shanghai', 2, 4),
    c('310112', '上海市闵行区', '上海', 'Shanghai', 1, 2), c('310116', '上海市金山区', '上海', 'Shanghai', 1, 0),
    c('310117', '上海市松江区', '上海', 'Shanghai', 1, 2)] },
  { code: '320000', cluster: 'yangtze', suppliers: { automotive: 12, electronics: 15 }, cities: [
    c('320100', '南京市', '南京', 'Nanjing', 2, 2), c('320200', '无锡市', '无锡', 'Wuxi', 3, 3),
    c('320300', '徐州市', '徐州', 'Xuzhou', 1, 0), c('320400', '常州市', '常州', 'Changzhou', 3, 2),
    c('320500', '苏州市', '苏州', 'Suzhou', 3, 6), c('320600', '南通市', '南通', 'Nantong', 1, 1),
    c('320900', '盐城市', '盐城', 'Yancheng', 2, 0), c('321000', '扬州市', '扬州', 'Yangzhou', 1, 1),
    c('321100', '镇江市', '镇江', 'Zhenjiang', 1, 1)] },
  { code: '330000', cluster: 'yangtze', suppliers: { automotive: 12, electronics: 9 }, cities: [
    c('330100', '杭州市', '杭州', 'Hangzhou', 2, 4), c('330200', '宁波市', '宁波', 'Ningbo', 5, 2),
    c('330300', '温州市', '温州', 'Wenzhou', 2, 1), c('330400', '嘉兴市', '嘉兴', 'Jiaxing', 1, 2),
    c('330500', '湖州市', '湖州', 'Huzhou', 1, 1), c('330600', '绍兴市', '绍兴', 'Shaoxing', 1, 1),
    c('330700', '金华市', '金华', 'Jinhua', 1, 1), c('331000', '台州市', '台州', 'Taizhou', 3, 1)] },
  { code: '340000', cluster: 'yangtze', suppliers: { automotive: 6, electronics: 4 }, cities: [
    c('340100', '合肥市', '合肥', 'Hefei', 3, 4), c('340200', '芜湖市', '芜湖', 'Wuhu', 3, 1),
    c('341100', '滁州市', '滁州', 'Chuzhou', 1, 1), c('340500', '马鞍山市', '马鞍山', "Ma'anshan", 1, 0),
    c('340300', '蚌埠市', '蚌埠', 'Bengbu', 1, 1)] },
  { code: '350000', cluster: 'pearl', suppliers: { automotive: 2, electronics: 4 }, cities: [
    c('350100', '福州市', '福州', 'Fuzhou', 1, 2), c('350200', '厦门市', '厦门', 'Xiamen', 1, 3),
    c('350500', '泉州市', '泉州', 'Quanzhou', 1, 1), c('350900', '宁德市', '宁德', 'Ningde', 1, 2)] },
  { code: '360000', cluster: 'central', suppliers: { automotive: 1, electronics: 3 }, cities: [
    c('360100', '南昌市', '南昌', 'Nanchang', 2, 2), c('360700', '赣州市', '赣州', 'Ganzhou', 0, 2),
    c('360800', '吉安市', '吉安', "Ji'an", 0, 2)] },
  { code: '370000', cluster: 'north', suppliers: { automotive: 7, electronics: 3 }, cities: [
    c('370100', '济南市', '济南', 'Jinan', 2, 2), c('370200', '青岛市', '青岛', 'Qingdao', 2, 3),
    c('370600', '烟台市', '烟台', 'Yantai', 2, 1), c('370700', '潍坊市', '潍坊', 'Weifang', 2, 1),
    c('371500', '聊城市', '聊城', 'Liaocheng', 1, 0)] },
  { code: '410000', cluster: 'central', suppliers: { automotive: 4, electronics: 3 }, cities: [
    c('410100', '郑州市', '郑州', 'Zhengzhou', 3, 3), c('410300', '洛阳市', '洛阳', 'Luoyang', 2, 0),
    c('410700', '新乡市', '新乡', 'Xinxiang', 1, 1), c('411000', '许昌市', '许昌', 'Xuchang', 1, 1)] },
  { code: HUBEI, cluster: 'central', suppliers: { automotive: 11, electronics: 6 }, cities: [
    c('420100', '武汉市', '武汉', 'Wuhan', 5, 8), c('420300', '十堰市', '十堰', 'Shiyan', 4, 0),
    c('420600', '襄阳市', '襄阳', 'Xiangyang', 4, 0), c('420500', '宜昌市', '宜昌', 'Yichang', 1, 1),
    c('420200', '黄石市', '黄石', 'Huangshi', 1, 1), c('421300', '随州市', '随州', 'Suizhou', 1, 0),
    c('420900', '孝感市', '孝感', 'Xiaogan', 1, 1)] },
  { code: '430000', cluster: 'central', suppliers: { automotive: 3, electronics: 3 }, cities: [
    c('430100', '长沙市', '长沙', 'Changsha', 2, 3), c('430200', '株洲市', '株洲', 'Zhuzhou', 2, 1),
    c('430300', '湘潭市', '湘潭', 'Xiangtan', 1, 1), c('430400', '衡阳市', '衡阳', 'Hengyang', 0, 1)] },
  { code: '440000', cluster: 'pearl', suppliers: { automotive: 9, electronics: 26 }, cities: [
    c('440100', '广州市', '广州', 'Guangzhou', 5, 2), c('440300', '深圳市', '深圳', 'Shenzhen', 2, 8),
    c('440600', '佛山市', '佛山', 'Foshan', 3, 2), c('441900', '东莞市', '东莞', 'Dongguan', 1, 6),
    c('441300', '惠州市', '惠州', 'Huizhou', 1, 4), c('440400', '珠海市', '珠海', 'Zhuhai', 0, 2),
    c('442000', '中山市', '中山', 'Zhongshan', 1, 2), c('440700', '江门市', '江门', 'Jiangmen', 1, 1)] },
  { code: '450000', cluster: 'pearl', suppliers: { automotive: 3, electronics: 1 }, cities: [
    c('450200', '柳州市', '柳州', 'Liuzhou', 6, 0), c('450100', '南宁市', '南宁', 'Nanning', 1, 1),
    c('450300', '桂林市', '桂林', 'Guilin', 1, 1)] },
  { code: '500000', cluster: 'southwest', suppliers: { automotive: 6, electronics: 4 }, cities: [
    c('500112', '重庆市渝北区', '重庆', 'Chongqing', 3, 2), c('500113', '重庆市巴南区', '重庆', 'Chongqing', 2, 0),
    c('500106', '重庆市沙坪坝区', '重庆', 'Chongqing', 1, 2), c('500109', '重庆市北碚区', '重庆', 'Chongqing', 1, 1),
    c('500107', '重庆市九龙坡区', '重庆', 'Chongqing', 2, 1)] },
  { code: '510000', cluster: 'southwest', suppliers: { automotive: 3, electronics: 6 }, cities: [
    c('510100', '成都市', '成都', 'Chengdu', 3, 6), c('510700', '绵阳市', '绵阳', 'Mianyang', 1, 3),
    c('510600', '德阳市', '德阳', 'Deyang', 1, 1), c('510900', '遂宁市', '遂宁', 'Suining', 1, 1),
    c('511500', '宜宾市', '宜宾', 'Yibin', 1, 1)] },
  { code: '610000', cluster: 'northwest', suppliers: { automotive: 2, electronics: 1 }, cities: [
    c('610100', '西安市', '西安', "Xi'an", 2, 2), c('610300', '宝鸡市', '宝鸡', 'Baoji', 1, 0)] },
];

/** Home provinces of the leaders, as relative counts per chain (25 + 25 at the default size). */
export const LEADER_PROVINCES: Readonly<Record<Industry, Readonly<Record<string, number>>>> = {
  automotive: {
    '220000': 3,
    '310000': 3,
    '440000': 3,
    '420000': 4,
    '500000': 2,
    '450000': 1,
    '110000': 2,
    '330000': 2,
    '340000': 2,
    '370000': 1,
    '120000': 1,
    '410000': 1,
  },
  electronics: {
    '440000': 7,
    '320000': 4,
    '510000': 2,
    '310000': 2,
    '330000': 2,
    '110000': 2,
    '340000': 1,
    '420000': 1,
    '500000': 1,
    '350000': 1,
    '370000': 1,
    '410000': 1,
  },
};

const INDEX_BY_CODE = new Map(PROVINCE_PROFILES.map((p, i) => [p.code, i]));

export function provinceIndex(code: string): number {
  const i = INDEX_BY_CODE.get(code);
  if (i === undefined) throw new Error(`scenario geography: no profile for province ${code}`);
  return i;
}

export const HUBEI_INDEX = provinceIndex(HUBEI);
