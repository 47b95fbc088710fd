import { col, defineSyncedTable } from './synced-table-definition';
import { fundingSources, visitKinds } from './visit-record';

/**
 * The welfare visits' synced tables (慰问, DOMAIN.md "Welfare visits"): a person's visits, the
 * versioned standards the bureau sets for its stations, and a unit's budget per year and funding
 * source. Money is integer fen.
 */

/** 慰问记录: one visit to a staff member, or to one of their family members through them. */
export const welfareVisitTable = defineSyncedTable({
  name: 'welfare_visit',
  label: '慰问',
  owner: 'person',
  nameColumn: 'kind',
  detail: { tab: '慰问', order: 40 },
  columns: {
    kind: col.oneOf('慰问类型', visitKinds),
    date: col.date('慰问日期'),
    /** The family member visited through the staff member; null when the staff member was. */
    family_member_id: col.internal('慰问家属'),
    visitors: col.text('慰问人', 60),
    cash_fen: col.money('慰问金额'),
    goods: col.text('慰问物品', 100),
    goods_value_fen: col.money('物品价值'),
    funding: col.oneOf('经费来源', fundingSources),
    /** 2026中秋, 2026生日, 住院:<medical_event id>, or the clerk's words (shared/visit-record.ts). */
    event: col.text('对应事件', 80),
    /** The event's date: the standard in force on it applies (not the one on the day of entry). */
    event_date: col.date('事件日期'),
    receipt_signed: col.flag('已签领'),
    /** Why the clerk went past a warning (a cap, a second visit for the event, the budget). */
    confirm_reason: col.text('确认说明', 200),
    /** The batch a visit was recorded in (a festival for everyone): one receipt sheet. */
    batch_id: col.internal('登记批次'),
    note: col.text('备注', 200),
  },
});

/**
 * 慰问标准: one version of the standard of a kind, in force from `effective_from` until the next
 * version of the kind. Only a bureau writes them (its stations receive them in its bundles); a
 * station reads which one applied on any date. DOMAIN.md's defaults need no row.
 */
export const visitStandardTable = defineSyncedTable({
  name: 'visit_standard',
  label: '慰问标准',
  owner: 'station',
  nameColumn: 'kind',
  writtenBy: 'bureau',
  columns: {
    kind: col.oneOf('慰问类型', visitKinds),
    effective_from: col.date('执行日期'),
    event_cap_fen: col.money('每次标准'),
    yearly_cap_fen: col.money('每人每年限额'),
    times_per_year: col.integer('每年次数', 1, 50),
    in_kind_only: col.flag('只发实物'),
    funding: col.oneOf('经费来源', fundingSources),
    note: col.text('依据或说明', 200),
  },
});

/** 慰问预算: a unit's budget of a year from one funding source. */
export const visitBudgetTable = defineSyncedTable({
  name: 'visit_budget',
  label: '慰问预算',
  owner: 'station',
  nameColumn: 'funding',
  columns: {
    year: col.integer('年度', 2000, 2100),
    funding: col.oneOf('经费来源', fundingSources),
    amount_fen: col.money('预算金额'),
    note: col.text('备注', 200),
  },
});
