import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { RosterFilter, RosterImportSummary } from '../../../shared/staff-record';
import { staffStatuses } from '../../../shared/staff-record';
import { todayOf } from '../../app-deps';
import { localStation, requireLocalStation } from '../../station/local-station';
import { seedDemoRoster, type DemoSeedSummary } from '../../staff/demo-roster-seed';
import { DemoRandom } from '../../staff/demo-random';
import { seedDemoVisits, type DemoVisitsSummary } from '../../visits/demo-visits';
import { seedDemoLeave, type DemoLeaveSummary } from '../../leave/demo-leave';
import { CliUserError, UsageError, type CliCommand, type CliSession, sheetToImport } from '../cli-kit';

/** The demo station `seed` and `serve --demo` set up in a new ledger file. */
export const DEMO_STATION = { code: 'DEMO-01', name: '演示派出所', role: 'station', operatorName: '演示管理员' } as const;

function positiveInteger(value: unknown, option: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`--${option} 应为 0–${max} 的整数，收到「${String(value)}」`);
  return n;
}

/**
 * Seeds a demo roster into an open ledger: sets up 演示派出所 (DEMO-01) first when the file has no
 * station yet; refuses a station that already has people (seeding twice would register the same
 * ID numbers twice). With `visits`, a year of welfare visits and this year's budget too
 * (electron/visits/demo-visits.ts); with `leave`, a year of leave, duty and 补休
 * (electron/leave/demo-leave.ts).
 */
export async function seedDemoLedger(
  session: CliSession,
  options: { staff: number; years: number; seed: number; visits?: boolean; leave?: boolean },
): Promise<DemoSeedSummary & { visits?: DemoVisitsSummary; leave?: DemoLeaveSummary }> {
  if (!localStation(session.store)) await session.client.call('station.setup', { ...DEMO_STATION });
  const station = requireLocalStation(session.store);
  const existing = session.store.sqlite.prepare('SELECT count(*) AS n FROM staff WHERE station_id = ? AND deleted_at IS NULL').get(station.id) as { n: number };
  if (existing.n > 0) {
    throw new CliUserError('SEED_NOT_EMPTY', `「${station.name}」已有 ${existing.n} 名人员，演示数据只能生成到没有人员的数据文件里。请换一个新的 --db 文件。`);
  }
  const { visits, leave, ...roster } = options;
  const today = todayOf(session.deps);
  const summary = seedDemoRoster(session.store, session.deps.user, { ...roster, today, stationId: station.id, stationName: station.name });
  // Each its own random source, so the visits and the leave change none of the people of a given seed.
  const seededVisits = visits ? session.store.transaction(() => seedDemoVisits(session.store, session.deps.user, new DemoRandom(options.seed + 20_000), today)) : undefined;
  const seededLeave = leave ? session.store.transaction(() => seedDemoLeave(session.store, session.deps.user, new DemoRandom(options.seed + 30_000), today)) : undefined;
  return { ...summary, ...(seededVisits ? { visits: seededVisits } : {}), ...(seededLeave ? { leave: seededLeave } : {}) };
}

function describeImport(summary: RosterImportSummary): string {
  const head = summary.committed ? '导入完成' : '预览（未写入，去掉 --dry-run 才会导入）';
  const lines = [`${head}：新增 ${summary.created} 人，更新 ${summary.updated} 人，未变 ${summary.unchanged} 人，拒绝 ${summary.refused} 行`];
  lines.push(summary.sheet ? `读取的工作表：「${summary.sheet}」（人员）` : '没有人员名单工作表，只读取家属、表彰');
  if (summary.otherSheets.length > 0) lines.push(`未读取的工作表：${summary.otherSheets.map((name) => `「${name}」`).join('、')}`);
  for (const row of summary.rows.filter((r) => r.action === 'update')) {
    const changes = row.changes?.map((c) => `${c.field} ${c.from} → ${c.to}`) ?? row.changedFields;
    lines.push(`  第${row.row}行 更新 ${row.name}：${changes.join('；')}`);
  }
  for (const error of summary.errors) lines.push(`  第${error.row}行 ${error.field}：${error.message}`);
  for (const row of summary.rows) for (const warning of row.warnings ?? []) lines.push(`  第${row.row}行 提示 ${warning.field}：${warning.message}`);
  for (const skipped of summary.skippedRows) lines.push(`  第${skipped.row}行 ${skipped.reason}`);
  if (summary.ignoredHeaders.length > 0) lines.push(`未识别、已忽略的列：${summary.ignoredHeaders.join('、')}`);
  for (const sheet of summary.records) {
    lines.push(`${sheet.label}（工作表「${sheet.sheetName}」）：新增 ${sheet.created} 条，更新 ${sheet.updated} 条，未变 ${sheet.unchanged} 条，拒绝 ${sheet.refused} 行`);
    for (const row of sheet.rows) for (const error of row.errors) lines.push(`  第${row.row}行 ${error.field}：${error.message}`);
    for (const row of sheet.rows) for (const warning of row.warnings ?? []) lines.push(`  第${row.row}行 提示 ${warning.field}：${warning.message}`);
    if (sheet.ignoredHeaders.length > 0) lines.push(`  未识别、已忽略的列：${sheet.ignoredHeaders.join('、')}`);
  }
  return lines.join('\n');
}

export const rosterCommands: Record<string, CliCommand> = {
  'roster import': {
    usage: 'nuanjing roster import --db FILE SHEET.xlsx [--dry-run] [--json]',
    summary: '从 Excel 导入人员名单（按身份证号新增或更新；有拒绝的行时退出码为1，其余行照常导入）',
    options: { 'dry-run': { type: 'boolean', default: false } },
    allowPositionals: true,
    async run(ctx) {
      const sheetPath = sheetToImport(ctx, this.usage);
      const session = await ctx.open();
      try {
        const args = { fileName: sheetPath, bytesBase64: readFileSync(sheetPath).toString('base64') };
        const summary = await session.client.call(ctx.values['dry-run'] ? 'roster.importPreview' : 'roster.importCommit', args);
        ctx.print(summary, describeImport(summary));
        const refused = summary.refused + summary.records.reduce((n, sheet) => n + sheet.refused, 0);
        if (refused > 0) ctx.io.stderr(`有 ${refused} 行未导入（原因见上），请改正后再导入这些行。`);
        return refused > 0 ? 1 : 0;
      } finally {
        session.store.close();
      }
    },
  },

  'roster export': {
    usage: 'nuanjing roster export --db FILE --out FILE.xlsx [--all] [--search TEXT] [--station CODE] [--json]',
    summary: '导出人员名单到 Excel（默认只含在职人员；--all 含退休、调出等全部人员；--station 只导出该单位的人员，可重复）',
    options: { out: { type: 'string' }, all: { type: 'boolean', default: false }, search: { type: 'string' }, station: { type: 'string', multiple: true } },
    async run(ctx) {
      const out = ctx.values.out as string | undefined;
      if (!out) throw new UsageError(`缺少 --out 输出文件路径\n用法：${this.usage}`);
      const session = await ctx.open();
      try {
        const stationCodes = (ctx.values.station as string[] | undefined) ?? [];
        const filter: RosterFilter = {
          ...(ctx.values.all ? { statuses: [...staffStatuses] } : {}),
          ...(ctx.values.search ? { search: String(ctx.values.search) } : {}),
          ...(stationCodes.length > 0 ? { stationCodes } : {}),
        };
        const file = await session.client.call('roster.export', { filter });
        await writeFile(out, Buffer.from(file.bytesBase64, 'base64'));
        const result = { out: resolve(out), fileName: file.fileName, rowCount: file.rowCount ?? 0 };
        ctx.print(result, `已导出 ${result.rowCount} 人到 ${result.out}`);
        return 0;
      } finally {
        session.store.close();
      }
    },
  },

  seed: {
    usage: 'nuanjing seed --db FILE --staff N [--years Y] [--seed S] [--visits] [--leave] [--json]',
    summary: '生成演示数据（人员、家属、状态变更、表彰、健康；--visits 另加一年的慰问记录和预算；--leave 另加一年的休假、值班和补休）；新文件自动设置为「演示派出所」（DEMO-01）；同一种子生成相同的人',
    options: { staff: { type: 'string' }, years: { type: 'string' }, seed: { type: 'string' }, visits: { type: 'boolean', default: false }, leave: { type: 'boolean', default: false } },
    role: '录入员',
    async run(ctx) {
      if (ctx.values.staff === undefined) throw new UsageError(`缺少 --staff 人数\n用法：${this.usage}`);
      const options = {
        staff: positiveInteger(ctx.values.staff, 'staff', 0, 20_000),
        years: positiveInteger(ctx.values.years, 'years', 3, 30),
        seed: positiveInteger(ctx.values.seed, 'seed', 1, 2 ** 31),
        visits: ctx.values.visits === true,
        leave: ctx.values.leave === true,
      };
      const session = await ctx.open({ create: true });
      try {
        const summary = await seedDemoLedger(session, options);
        const station = requireLocalStation(session.store);
        const statuses = Object.entries(summary.byStatus).map(([s, n]) => `${s} ${n}`).join('，');
        ctx.print(
          { station, ...summary },
          `已为「${station.name}」生成演示数据：人员 ${summary.staff} 名（${statuses}），家属 ${summary.familyMembers} 名，表彰 ${summary.honours} 条，状态变更 ${summary.statusChanges} 条${summary.visits ? `，慰问 ${summary.visits.visits} 条` : ''}${summary.leave ? `，休假 ${summary.leave.leaves} 条，值班 ${summary.leave.duty} 条` : ''}。`,
        );
        return 0;
      } finally {
        session.store.close();
      }
    },
  },
};
