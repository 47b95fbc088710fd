import { RETIREMENT_BASE_LABELS } from './retirement-date';
import { familyRelations, retirementBases, staffCategories, staffStatuses } from './staff-record';
import { col, defineSyncedTable } from './synced-table-definition';

/**
 * The roster's synced tables (人员档案): a person, and the records that belong to them — status
 * history, family members, honours. Each is defined once here; `db/`, sync, the change history and
 * the detail drawer read these definitions. See DOMAIN.md "People and places".
 */

/** A person on the roster (民警, 辅警 or 职工). Birth date and gender come from the ID number. */
export const staffTable = defineSyncedTable({
  name: 'staff',
  label: '人员',
  owner: 'station',
  nameColumn: 'name',
  columns: {
    /** 民警 / 辅警 / 职工. */
    category: col.oneOf('人员类别', staffCategories),
    name: col.personName('姓名', 20),
    /** 18-character 公民身份号码 (GB 11643), normalised (upper-case X). */
    id_number: col.text('身份证号', 18),
    birth_date: col.date('出生日期'),
    /** 男 / 女, derived from the ID number's sequence code. */
    gender: col.oneOf('性别', ['男', '女']),
    phone: col.text('手机号码', 20),
    /** 警号 or 辅警编号. */
    badge_no: col.text('警号/辅警编号', 20),
    position: col.text('岗位', 30),
    rank: col.text('职级', 30),
    aux_level: col.level('辅警层级', 20),
    star_rating: col.stars('星级'),
    /** 参加工作时间. */
    work_start_date: col.date('参加工作时间'),
    prior_service_months: col.integer('认定工龄（月）', 0, 600),
    joined_station_date: col.date('调入本所时间'),
    /** 入职时间: when the current employer hired the person (辅警: the contract with the bureau; kept on a transfer). */
    hire_date: col.date('入职时间'),
    party_member: col.flag('中共党员'),
    /** 民族, GB/T 3304 name (汉族 …). */
    ethnicity: col.text('民族', 10),
    /** 最高学历 (研究生, 大学本科 …). */
    education: col.text('学历', 10),
    /** 最高学位 (博士, 硕士, 学士, 无). */
    degree: col.text('学位', 10),
    party_join_date: col.date('入党时间'),
    union_member: col.flag('工会会员'),
    hardship: col.flag('困难职工'),
    hero_model: col.flag('英模'),
    disability_level: col.level('伤残等级', 10),
    /** male60 / female55 / female50. */
    retirement_base: col.oneOf('退休年龄基准', retirementBases, RETIREMENT_BASE_LABELS),
    retirement_date_override: col.date('退休日期（手动指定）'),
    /** 在职 / 调出 / 退休 / 离职 / 因公牺牲 / 病故. */
    status: col.oneOf('状态', staffStatuses),
    status_date: col.date('状态日期'),
    notes: col.text('备注', 500),
    /** 生日按农历: the birthday is the lunar date of birth (from the ID number) as it falls each year. */
    lunar_birthday: col.flag('生日按农历'),
  },
});

/** One change of a person's status, kept for the history (shown on 基本信息, not a tab of its own). */
export const staffStatusChangeTable = defineSyncedTable({
  name: 'staff_status_change',
  label: '状态变更',
  owner: 'person',
  columns: {
    status: col.oneOf('状态', staffStatuses),
    date: col.date('变更日期'),
    reason: col.text('原因', 200),
    /** 1 when the clerk confirmed a 退休 before the statutory retirement date (提前退休). */
    early_retirement: col.flag('提前退休（已确认）'),
  },
});

/** A family member of a person (配偶, 父亲, 母亲, 配偶父亲, 配偶母亲, 子女). */
export const familyMemberTable = defineSyncedTable({
  name: 'family_member',
  label: '家属',
  owner: 'person',
  nameColumn: 'name',
  detail: { tab: '家属', order: 10 },
  columns: {
    relation: col.oneOf('与本人关系', familyRelations),
    name: col.personName('姓名', 20),
    birth_date: col.date('出生日期'),
    phone: col.text('电话', 20),
    work_or_school: col.text('工作单位或学校', 60),
    grade: col.text('年级', 10),
    zhongkao_year: col.integer('中考年份', 1990, 2100),
    gaokao_year: col.integer('高考年份', 1990, 2100),
    notes: col.text('备注', 200),
  },
});

/** An honour (表彰) a person received. */
export const honourTable = defineSyncedTable({
  name: 'honour',
  label: '表彰',
  owner: 'person',
  nameColumn: 'title',
  detail: { tab: '表彰', order: 20 },
  columns: {
    title: col.text('表彰名称', 40),
    level: col.text('级别', 20),
    date: col.date('表彰日期'),
    issuer: col.text('颁发单位', 40),
    /** 文号 of the document that conferred the honour (杭公政〔2025〕12号). */
    document_no: col.text('文号', 40),
    note: col.text('备注', 200),
  },
});
