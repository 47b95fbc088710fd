import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import { clockToleranceMsOf, settingsCatalog, settingKeys, type SettingKey, type SettingsValues } from '../../shared/settings-catalog';
import { getMeta, schemaVersionOf, writeMeta } from '../../db/ledger-store';
import { writeRecord } from '../../db/write-path';
import { countLiveRows } from '../../db/store-health';
import { todayOf, type AppDeps } from '../app-deps';
import { localStation, META_LOCAL_STATION, META_OPERATOR, requireLocalStation } from '../station/local-station';
import { describeInvalidArguments, type HandlerTable } from './handler-registry';
import { requestCancelHere } from '../jobs/task-progress';

/**
 * Settings rows have deterministic ids per owning unit (`setting:<station id>:<key>`), so every
 * site edits the same row of a key. A bureau's settings travel down to its stations as defaults.
 */
export function settingRowId(stationId: string, key: SettingKey): string {
  return `setting:${stationId}:${key}`;
}

/**
 * Current values of every setting: this unit's own value, else the value its bureau sent down,
 * else the default of DOMAIN.md.
 */
export function readSettings(deps: Pick<AppDeps, 'store'>): SettingsValues {
  const values: Record<string, unknown> = {};
  for (const key of settingKeys) values[key] = settingsCatalog[key].defaultValue;
  const own = localStation(deps.store);
  if (!own) return values as SettingsValues;
  const parent = deps.store.sqlite
    .prepare('SELECT p.id FROM station s JOIN station p ON p.code = s.parent_code AND p.deleted_at IS NULL WHERE s.id = ?')
    .get(own.id) as { id: string } | undefined;
  const rows = deps.store.sqlite
    .prepare('SELECT station_id, key, value FROM setting WHERE deleted_at IS NULL AND station_id IN (?, ?)')
    .all(own.id, parent?.id ?? own.id) as { station_id: string; key: string; value: string }[];
  // Parent first, own second: the unit's own value overrides what the bureau sent.
  rows.sort((a, b) => Number(a.station_id === own.id) - Number(b.station_id === own.id));
  for (const row of rows) {
    if (!(row.key in settingsCatalog)) continue;
    const parsed = settingsCatalog[row.key as SettingKey].schema.safeParse(JSON.parse(row.value));
    if (parsed.success) values[row.key] = parsed.data;
  }
  return values as SettingsValues;
}

export const appHandlers: HandlerTable = {
  'task.cancel': (deps, args) => {
    if (deps.jobs?.cancel(args.taskId)) return { cancelled: true };
    // Not in a worker: a job on this thread sees it at its next progress point.
    requestCancelHere(args.taskId);
    return { cancelled: true };
  },

  'app.info': (deps) => ({
    appName: '暖警台账',
    appVersion: deps.appVersion,
    schemaVersion: schemaVersionOf(deps.store),
    siteId: deps.store.siteId,
    station: localStation(deps.store),
    // The signed-in user's name once the ledger has accounts; else the operator set in 设置.
    operatorName: deps.caller.signedIn ? deps.caller.name : (getMeta(deps.store, META_OPERATOR) ?? ''),
    today: todayOf(deps),
    databasePath: deps.store.path,
  }),

  'app.stats': (deps) => countLiveRows(deps.store),

  'station.setup': (deps, args) => {
    const existing = localStation(deps.store);
    if (existing) {
      throw new AppError(commonErrorCodes.alreadySetUp, `本机已设置为「${existing.name}」（${existing.code}），不能重复设置。`);
    }
    const id = deps.store.newId();
    // Without accounts the wizard's 经办人 signs the change; a signed-in user signs their own.
    if (args.operatorName && !deps.caller.signedIn) deps.user.userName = args.operatorName;
    deps.store.transaction(() => {
      writeRecord(deps.store, deps.user, 'station', id, { station_id: id, code: args.code, name: args.name, role: args.role });
      writeMeta(deps.store, META_LOCAL_STATION, id);
      if (args.operatorName) writeMeta(deps.store, META_OPERATOR, args.operatorName);
    });
    return requireLocalStation(deps.store);
  },

  'station.setOperator': (deps, args) => {
    requireLocalStation(deps.store);
    writeMeta(deps.store, META_OPERATOR, args.operatorName);
    deps.user.userName = args.operatorName;
    return { operatorName: args.operatorName };
  },

  'settings.get': (deps) => readSettings(deps),

  'settings.set': (deps, args) => {
    const station = requireLocalStation(deps.store);
    const key = args.key as SettingKey;
    const parsed = settingsCatalog[key].schema.safeParse(args.value);
    if (!parsed.success) {
      const { fields } = describeInvalidArguments(parsed.error);
      throw new AppError(commonErrorCodes.invalidArgument, `「${settingsCatalog[key].label}」的值不正确：${Object.values(fields).join('；')}`);
    }
    writeRecord(deps.store, deps.user, 'setting', settingRowId(station.id, key), {
      station_id: station.id,
      key,
      value: JSON.stringify(parsed.data),
    });
    const values = readSettings(deps);
    deps.store.clockToleranceMs = clockToleranceMsOf(values);
    return values;
  },
};
