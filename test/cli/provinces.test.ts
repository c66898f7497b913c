/** Provinces named as people name them: code, Chinese name with or without suffix, English name. */
import { PROVINCES, resolveProvince } from '../../src/shared/provinces';

describe('resolveProvince', () => {
  it.each([
    ['420000', '420000'],
    ['湖北', '420000'],
    ['湖北省', '420000'],
    ['Hubei', '420000'],
    ['HUBEI', '420000'],
    [' hubei province ', '420000'],
    ['北京', '110000'],
    ['北京市', '110000'],
    ['Beijing', '110000'],
    ['广西', '450000'],
    ['广西壮族自治区', '450000'],
    ['Guangxi Zhuang Autonomous Region', '450000'],
    ['Ningxia Hui Autonomous Region', '640000'],
    ['Xinjiang Uygur Autonomous Region', '650000'],
    ['Xinjiang Uyghur Autonomous Region', '650000'],
    ['Hong Kong Special Administrative Region', '810000'],
    ['Hubei Sheng', '420000'],
    ['Shanghai Shi', '310000'],
    ['内蒙古', '150000'],
    ['Inner Mongolia', '150000'],
    ['新疆', '650000'],
    ['宁夏', '640000'],
    ['香港', '810000'],
    ['Hong Kong', '810000'],
    ['Macau', '820000'],
    ['Shanxi', '140000'],
    ['Shaanxi', '610000'],
  ])('%s → %s', (input, code) => {
    expect(resolveProvince(input)).toBe(code);
  });

  it('every province resolves by code, both Chinese forms and English name', () => {
    for (const p of PROVINCES) {
      expect(resolveProvince(p.code)).toBe(p.code);
      expect(resolveProvince(p.zh)).toBe(p.code);
      expect(resolveProvince(p.en)).toBe(p.code);
    }
  });

  it.each(['', '42', '420001', 'Atlantis', '湖', '省'])('%j names no province', (input) => {
    expect(resolveProvince(input)).toBeUndefined();
  });
});
