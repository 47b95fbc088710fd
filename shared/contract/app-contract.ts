import { z } from 'zod';
import { defineMethod } from './define-method';
import { settingKeys, type SettingsValues } from '../settings-catalog';
import { halfWidthNoSpaces } from '../zod-chinese';

/** A station or bureau as this installation knows it. */
export interface StationInfo {
  id: string;
  code: string;
  name: string;
  role: 'station' | 'bureau';
}

/** What the app frame needs at start-up. */
export interface AppInfo {
  appName: string;
  appVersion: string;
  schemaVersion: string;
  siteId: string;
  /** Null until the setup wizard has run. */
  station: StationInfo | null;
  operatorName: string;
  today: string;
  databasePath: string;
}

/**
 * A station code: 2–20 letters, digits or dashes, e.g. `330102-01`. Typed full-width
 * (`３３０１０２－０１`) or with spaces it is cleaned up first, so the stored code is plain ASCII.
 */
export const stationCodeSchema = z
  .string({ message: '请填写单位代码' })
  .overwrite(halfWidthNoSpaces)
  .regex(/^[A-Za-z0-9-]{2,20}$/, '单位代码应为2–20位字母、数字或短横线，例如 330102-01');

export const stationNameSchema = z
  .string({ message: '请填写单位名称' })
  .trim()
  .min(2, '单位名称至少2个字')
  .max(40, '单位名称不超过40个字');

export const stationRoleSchema = z.enum(['station', 'bureau'], { message: '请选择单位类型：派出所或市局/县局' });

export const stationSetupSchema = z.object({
  code: stationCodeSchema,
  name: stationNameSchema,
  role: stationRoleSchema,
  operatorName: z.string().trim().max(20, '经办人姓名不超过20个字').optional(),
});

export type StationSetupInput = z.input<typeof stationSetupSchema>;

const settingKeySchema = z.enum(settingKeys as [string, ...string[]], { message: '没有这项设置' });

/** Live rows of one synced table at one station (the CLI's `stats`, the settings page). */
export interface TableCountRow {
  table: string;
  label: string;
  stationId: string | null;
  stationCode: string | null;
  stationName: string | null;
  rows: number;
}

export const appContract = {
  'app.info': defineMethod<AppInfo>()('应用与本单位的基本信息', z.object({})),
  'app.stats': defineMethod<TableCountRow[]>()('各数据表的有效记录数（按单位）', z.object({})),
  'station.setup': defineMethod<StationInfo>()('首次使用：设置本单位', stationSetupSchema),
  'station.setOperator': defineMethod<{ operatorName: string }>()(
    '设置本机经办人（记入此后每条修改的变更记录）',
    z.object({ operatorName: z.string({ message: '请填写经办人姓名' }).trim().min(1, '请填写经办人姓名').max(20, '经办人姓名不超过20个字') }),
  ),
  'settings.get': defineMethod<SettingsValues>()('读取全部设置', z.object({})),
  'settings.set': defineMethod<SettingsValues>()(
    '修改一项设置',
    z.object({ key: settingKeySchema, value: z.unknown() }),
  ),
};
