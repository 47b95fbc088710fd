/**
 * The words a 花名册 uses for 民族, 学历 and 学位, and the ways clerks write them (汉 for 汉族, 本科
 * for 大学本科): the form offers the lists, the Excel import reads the variants into them.
 */

/** The 56 民族 of GB/T 3304-1991 《中国各民族名称的罗马字母拼写法和代码》, in its order (汉族 first). */
export const ethnicGroups = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
  '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
  '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
  '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

/** 学历, highest first, as personnel files write them. */
export const educationLevels = ['研究生', '大学本科', '大学专科', '中等专科', '高中', '初中及以下'] as const;

/** 学位, highest first; 无 for none. */
export const degrees = ['博士', '硕士', '学士', '无'] as const;

const educationAliases: Record<string, (typeof educationLevels)[number]> = {
  博士研究生: '研究生', 硕士研究生: '研究生', 研究生学历: '研究生', 博士: '研究生', 硕士: '研究生',
  本科: '大学本科', 大本: '大学本科', 全日制本科: '大学本科', 大学: '大学本科',
  专科: '大学专科', 大专: '大学专科', 高职: '大学专科',
  中专: '中等专科', 中技: '中等专科', 技校: '中等专科', 职高: '中等专科', 中等专业学校: '中等专科',
  高中及同等学历: '高中', 普通高中: '高中',
  初中: '初中及以下', 小学: '初中及以下', 初中以下: '初中及以下',
};

const degreeAliases: Record<string, (typeof degrees)[number]> = {
  博士学位: '博士', 硕士学位: '硕士', 学士学位: '学士', 无学位: '无', 没有: '无', '-': '无', '/': '无',
};

/** 民族 as written (汉, 汉族, 蒙古, 维吾尔): the GB/T 3304 name, or null when it is not one. */
export function ethnicGroupOf(text: string): string | null {
  const word = text.replace(/\s/g, '');
  if (word === '') return null;
  if ((ethnicGroups as readonly string[]).includes(word)) return word;
  const withSuffix = `${word}族`;
  return (ethnicGroups as readonly string[]).includes(withSuffix) ? withSuffix : null;
}

/** 学历 as written (本科, 大专, 硕士研究生 …): one of {@link educationLevels}, or null. */
export function educationLevelOf(text: string): string | null {
  const word = text.replace(/\s/g, '');
  if ((educationLevels as readonly string[]).includes(word)) return word;
  return educationAliases[word] ?? null;
}

/** 学位 as written (学士学位, 硕士 …): one of {@link degrees}, or null. */
export function degreeOf(text: string): string | null {
  const word = text.replace(/\s/g, '');
  if ((degrees as readonly string[]).includes(word)) return word;
  return degreeAliases[word] ?? null;
}
