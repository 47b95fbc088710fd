import { col, defineSyncedTable } from './synced-table-definition';

/** The foundation's synced tables: the units (stations and bureaus) and their settings. */

/** A station or bureau: this installation's own and, at a bureau, those under it. */
export const stationTable = defineSyncedTable({
  name: 'station',
  label: '单位',
  owner: 'station',
  nameColumn: 'name',
  columns: {
    code: col.text('单位代码', 20),
    name: col.text('单位名称', 40),
    role: col.oneOf('单位类型', ['station', 'bureau']),
    /** The code of the bureau this station reports to. */
    parent_code: col.text('上级单位代码', 20),
  },
});

/** A setting; its id is deterministic (`setting:<key>`) so every site edits the same row. */
export const settingTable = defineSyncedTable({
  name: 'setting',
  label: '设置',
  owner: 'station',
  nameColumn: 'key',
  columns: {
    key: col.text('设置项', 100),
    /** JSON text of the value. */
    value: col.text('设置值', 20000),
  },
});
