import { z } from 'zod';

/**
 * Every setting the clerk or the bureau can change, with its schema, default and Chinese label.
 * Settings are a synced table: a bureau's change travels down to its stations in a sync bundle.
 * DOMAIN.md marks these rules **configurable**; the defaults here are the ones it gives.
 */
export const settingsCatalog = {
  'station.minimumOnDuty': {
    label: '最低在岗警力（人）',
    schema: z.number().int().min(0).max(1000),
    defaultValue: 10,
  },
  'health.checkupOverdueFromMonth': {
    label: '体检逾期提醒起始月份',
    schema: z.number().int().min(1).max(12),
    defaultValue: 10,
  },
  'sync.silentWarningDays': {
    label: '派出所超过多少天未报送数据时提醒',
    schema: z.number().int().min(1).max(365),
    defaultValue: 30,
  },
  'report.preparedBy': {
    label: '月报制表人',
    schema: z.string().trim().max(20),
    defaultValue: '',
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
