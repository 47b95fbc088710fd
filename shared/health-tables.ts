import { checkupConclusions, interventionForms, medicalEventKinds, psychInstruments, psychLevels, reimbursementStates } from './health-record';
import { col, defineSyncedTable } from './synced-table-definition';

/**
 * The health records' synced tables (健康档案, DOMAIN.md "Health"): a person's annual checkups,
 * psychological screenings, one-to-one interventions and medical events, and the vocabulary of
 * abnormal checkup items. Every one syncs: a person's records go up to the bureau and follow the
 * person on a 调动; the vocabulary is reference data, sent down by the bureau.
 *
 * These rows are sensitive personal information (个人信息保护法 Art. 28: 医疗健康信息); they are read
 * only through the `health.*` calls (electron/health/health-handlers.ts), never through `staff.get`.
 */

/** 年度体检: one checkup of a person, with its follow-up. The drawer's 健康 tab shows all four person tables. */
export const healthCheckupTable = defineSyncedTable({
  name: 'health_checkup',
  label: '体检',
  owner: 'person',
  nameColumn: 'date',
  detail: { tab: '健康', order: 30 },
  columns: {
    date: col.date('体检日期'),
    institution: col.text('体检机构', 60),
    conclusion: col.oneOf('体检结论', checkupConclusions),
    /** The abnormal items joined by 、 (高血压、脂肪肝), as the vocabulary spells them. */
    abnormal_items: col.text('异常项目', 500),
    follow_up_due: col.date('复查截止日期'),
    follow_up_done_date: col.date('复查日期'),
    follow_up_result: col.text('复查结果', 200),
    note: col.text('备注', 200),
  },
});

/** 心理健康普测: one screening of a person and its level. */
export const psychScreeningTable = defineSyncedTable({
  name: 'psych_screening',
  label: '心理普测',
  owner: 'person',
  nameColumn: 'date',
  columns: {
    date: col.date('普测日期'),
    instrument: col.oneOf('量表', psychInstruments),
    score: col.integer('得分', 0, 1000),
    level: col.oneOf('结果等级', psychLevels),
    note: col.text('备注', 200),
  },
});

/** 一对一心理干预: one session with a person. */
export const psychInterventionTable = defineSyncedTable({
  name: 'psych_intervention',
  label: '心理干预',
  owner: 'person',
  nameColumn: 'date',
  columns: {
    date: col.date('干预日期'),
    counsellor: col.text('干预人', 20),
    form: col.oneOf('干预方式', interventionForms),
    summary: col.text('干预情况', 500),
    next_date: col.date('下次干预日期'),
  },
});

/** 就医: a hospitalisation, injury on duty, major illness or outpatient visit. */
export const medicalEventTable = defineSyncedTable({
  name: 'medical_event',
  label: '就医',
  owner: 'person',
  nameColumn: 'kind',
  columns: {
    kind: col.oneOf('类别', medicalEventKinds),
    hospital: col.text('医院', 60),
    green_channel: col.flag('走绿色通道'),
    start_date: col.date('开始日期'),
    /** Null while the person is still in hospital. */
    end_date: col.date('结束日期'),
    diagnosis: col.text('诊断', 200),
    reimbursement: col.oneOf('报销状态', reimbursementStates),
    reimbursed_fen: col.money('报销金额'),
    forced_rest: col.flag('责令强制休息'),
    note: col.text('备注', 200),
  },
});

/**
 * An abnormal checkup item of the vocabulary (异常项目), added by a station or its bureau. A
 * bureau's items go down to its stations in its bundles (reference data); the built-in items
 * (`defaultAbnormalItems`) need no row.
 */
export const healthAbnormalItemTable = defineSyncedTable({
  name: 'health_abnormal_item',
  label: '体检异常项目',
  owner: 'station',
  nameColumn: 'name',
  columns: {
    name: col.text('异常项目', 20),
  },
});
