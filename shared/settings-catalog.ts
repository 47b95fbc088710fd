import { z } from 'zod';
import { tierChangeRules } from './annual-leave-entitlement';

/**
 * Every setting the clerk or the bureau can change, with its schema, default and Chinese label.
 * Settings are a synced table: a bureau's change travels down to its stations in a sync bundle.
 * DOMAIN.md marks these rules **configurable**; the defaults here are the ones it gives.
 */
/** A whole number between `min` and `max`, with messages a clerk understands. */
function wholeNumber(min: number, max: number, unit: string) {
  return z
    .number({ message: `请填写一个整数（${min}–${max} ${unit}）` })
    .int(`请填写整数，不要带小数（${min}–${max} ${unit}）`)
    .min(min, `不能小于 ${min} ${unit}`)
    .max(max, `不能大于 ${max} ${unit}`);
}

export const settingsCatalog = {
  'station.minimumOnDuty': {
    label: '最低在岗警力',
    unit: '人',
    schema: wholeNumber(0, 1000, '人'),
    defaultValue: 10,
  },
  'health.checkupOverdueFromMonth': {
    label: '体检逾期提醒起始月份',
    unit: '月',
    schema: wholeNumber(1, 12, '月'),
    defaultValue: 10,
  },
  'sync.silentWarningDays': {
    label: '派出所超过多少天未报送数据时提醒',
    unit: '天',
    schema: wholeNumber(1, 365, '天'),
    defaultValue: 30,
  },
  'sync.clockToleranceHours': {
    label: '电脑时间允许相差（小时）：对方的修改时间比本机晚得更多时暂缓导入',
    unit: '小时',
    schema: wholeNumber(1, 720, '小时'),
    defaultValue: 24,
  },
  'family.zhongkaoLastDay': {
    label: '本地中考最后一天（月-日，如 06-20）：过了这天不再提示「今年中考」',
    unit: '',
    schema: z
      .string({ message: '请填写月-日，如 06-20' })
      .trim()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '请按「月-日」填写，如 06-20'),
    defaultValue: '06-30',
  },
  'report.preparedBy': {
    label: '月报制表人',
    unit: '',
    schema: z.string({ message: '请填写姓名' }).trim().max(20, '姓名最多 20 个字'),
    defaultValue: '',
  },
  // Last, so the settings page keeps the places of the settings before them.
  'health.crisisInterventionDays': {
    label: '心理普测「危机」后几天内须一对一干预',
    unit: '天',
    schema: wholeNumber(1, 60, '天'),
    defaultValue: 7,
  },
  'health.warningInterventionDays': {
    label: '心理普测「预警」后几天内须一对一干预',
    unit: '天',
    schema: wholeNumber(1, 90, '天'),
    defaultValue: 14,
  },
  'leave.tierChangeRule': {
    label: '年休假：年中工龄跨档（满1/10/20年，次月起适用新档）当年怎么算：按月折算、全年按新档、次年起按新档',
    unit: '',
    schema: z.enum(tierChangeRules, { message: `请填写 ${tierChangeRules.join('、')} 之一` }),
    defaultValue: '按月折算' as (typeof tierChangeRules)[number],
  },
  'leave.underusedCheckDay': {
    label: '应休尽休检查日（月-日，如 10-01）：到这天年休假一天未休或未休过半的人员列入提醒',
    unit: '',
    schema: z
      .string({ message: '请填写月-日，如 10-01' })
      .trim()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '请按「月-日」填写，如 10-01'),
    defaultValue: '10-01',
  },
  'leave.compensatoryExpiryMonths': {
    label: '值班换得的补休几个月内有效',
    unit: '月',
    schema: wholeNumber(1, 36, '月'),
    defaultValue: 12,
  },
  'leave.examRestDays': {
    label: '陪考轮休天数（子女中考、高考）',
    unit: '天',
    schema: wholeNumber(1, 7, '天'),
    defaultValue: 2,
  },
  'leave.zhongkaoFirstDay': {
    label: '本地中考第一天（月-日，如 06-16）：陪考轮休从这天起安排',
    unit: '',
    schema: z
      .string({ message: '请填写月-日，如 06-16' })
      .trim()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '请按「月-日」填写，如 06-16'),
    defaultValue: '06-16',
  },
  'report.reviewedBy': {
    label: '月报审核人',
    unit: '',
    schema: z.string({ message: '请填写姓名' }).trim().max(20, '姓名最多 20 个字'),
    defaultValue: '',
  },
  'accounts.idleLockMinutes': {
    label: '无操作多少分钟后自动锁定屏幕（需输入密码解锁）',
    unit: '分钟',
    schema: wholeNumber(1, 240, '分钟'),
    defaultValue: 10,
  },
  'backup.keepDaily': {
    label: '自动备份保留：最近几天每天一份',
    unit: '天',
    schema: wholeNumber(1, 60, '天'),
    defaultValue: 7,
  },
  'backup.keepWeekly': {
    label: '自动备份保留：最近几周每周一份',
    unit: '周',
    schema: wholeNumber(0, 52, '周'),
    defaultValue: 4,
  },
  'backup.keepMonthly': {
    label: '自动备份保留：最近几个月每月一份',
    unit: '月',
    schema: wholeNumber(0, 120, '月'),
    defaultValue: 12,
  },
} as const;

export type SettingKey = keyof typeof settingsCatalog;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingsCatalog)[K]['schema']>;
export type SettingsValues = { [K in SettingKey]: SettingValue<K> };

export const settingKeys = Object.keys(settingsCatalog) as SettingKey[];

/** Whether a string names a known setting. */
export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(settingsCatalog, key);
}

/** The clock tolerance of `sync.clockToleranceHours`, in milliseconds (see electron/sync/clock-policy.ts). */
export function clockToleranceMsOf(values: Pick<SettingsValues, 'sync.clockToleranceHours'>): number {
  return values['sync.clockToleranceHours'] * 3_600_000;
}
