import type { AccountRole } from '../account-record';
import type { MethodName } from './api-contract';

/**
 * Who may make a call, declared once per call of the contract. The handler registry checks it
 * before the handler runs (electron/accounts/call-access.ts), whatever the transport: Electron IPC,
 * web mode, the CLI with `--user`, the in-process client. Pages only hide what the user may not do;
 * they never decide it.
 */
export interface MethodAccess {
  /**
   * The least role that may call: `查看` reads, `录入员` enters and edits records, `管理员` manages
   * accounts and settings. `public`: before signing in too (the login screen's own calls).
   */
  role: AccountRole | 'public';
  /**
   * Health details (个人信息保护法 Art. 28):
   * - `details`: the call reads or writes them — refused without the 健康信息 permission;
   * - `redacted`: its result may hold them; the handler leaves them out for a caller without the
   *   permission (`deps.caller.health`).
   * Absent: the call holds none (counts and levels at most).
   */
  health?: 'details' | 'redacted';
  /** A read of people's health details, recorded in 登录与查阅记录 (`person`: the `staffId` argument's). */
  logsHealthRead?: 'person' | 'list';
}

const view: MethodAccess = { role: '查看' };
const entry: MethodAccess = { role: '录入员' };
const admin: MethodAccess = { role: '管理员' };
const open: MethodAccess = { role: 'public' };
const healthRead: MethodAccess = { role: '查看', health: 'details', logsHealthRead: 'list' };
const healthWrite: MethodAccess = { role: '录入员', health: 'details' };

/** Every call's access. A call the contract adds must be declared here (the type requires it). */
export const methodAccess: Record<MethodName, MethodAccess> = {
  'app.info': open,
  'app.stats': view,
  'app.clockStatus': view,
  'station.setup': admin,
  'station.setOperator': admin,
  'settings.get': view,
  'settings.set': admin,
  'task.cancel': view,

  'account.status': open,
  'account.createFirstAdmin': open,
  'account.signIn': open,
  'account.signOut': open,
  'account.lock': open,
  'account.unlock': open,
  'account.changePassword': view,
  'account.list': admin,
  'account.save': admin,
  'account.resetPassword': admin,
  'account.setDisabled': admin,
  'account.events': admin,

  'audit.changes': { role: '查看', health: 'redacted' },
  'audit.export': { role: '查看', health: 'redacted' },
  'audit.restore': entry,

  // A backup holds every person's file, health details included; a restore replaces the ledger.
  'backup.list': view,
  'backup.create': { role: '管理员', health: 'details' },
  'backup.download': { role: '管理员', health: 'details' },
  'backup.preview': admin,
  'backup.restore': { role: '管理员', health: 'details' },

  'staff.list': view,
  'staff.get': view,
  'staff.save': entry,
  'staff.changeStatus': entry,
  'staff.delete': entry,
  'staff.history': { role: '查看', health: 'redacted' },
  'family.save': entry,
  'family.delete': entry,
  'honour.save': entry,
  'honour.delete': entry,
  'roster.template': view,
  'roster.importPreview': entry,
  'roster.importCommit': entry,
  'roster.export': view,
  'roster.sheet': view,
  'roster.sheetPdf': view,
  'lists.data': view,
  'lists.document': view,
  'lists.pdf': view,
  'lists.excel': view,

  'health.summary': view,
  'health.coverage': view,
  'health.overview': healthRead,
  'health.overdue': healthRead,
  'health.person': { role: '查看', health: 'details', logsHealthRead: 'person' },
  'health.export': healthRead,
  'health.vocabulary': view,
  'health.addItems': entry,
  'health.checkup.save': healthWrite,
  'health.checkup.delete': healthWrite,
  'health.screening.save': healthWrite,
  'health.screening.delete': healthWrite,
  'health.intervention.save': healthWrite,
  'health.intervention.delete': healthWrite,
  'health.event.save': healthWrite,
  'health.event.delete': healthWrite,
  'health.importTemplate': view,
  'health.importPreview': healthWrite,
  'health.importCommit': healthWrite,

  'visits.list': view,
  'visits.person': view,
  'visits.save': entry,
  'visits.delete': entry,
  'visits.batch': entry,
  'visits.coverage': view,
  'visits.festivals': view,
  'visits.standards': view,
  'visits.standardOn': view,
  'visits.saveStandard': entry,
  'visits.deleteStandard': entry,
  'visits.budget': view,
  'visits.setBudget': entry,
  'visits.receipt': view,
  'visits.receiptPdf': view,
  'visits.importPreview': entry,
  'visits.importCommit': entry,
  'visits.export': view,
  'reminders.list': { role: '查看', health: 'redacted' },

  'leave.list': view,
  'leave.person': view,
  'leave.count': view,
  'leave.save': entry,
  'leave.delete': entry,
  'leave.workdays': view,
  'leave.entitlement': view,
  'leave.stationMonth': view,
  'leave.suggestions': view,
  'leave.confirmTrip': entry,
  'leave.export': view,
  'leave.importPreview': entry,
  'leave.importCommit': entry,
  'duty.list': view,
  'duty.save': entry,
  'duty.delete': entry,
  'calendar.list': view,
  'calendar.save': entry,
  'calendar.delete': entry,

  'report.scopes': view,
  'report.monthly': view,
  'report.document': view,
  'report.pdf': view,
  'report.excel': view,
  'report.issue': entry,

  'sync.status': view,
  'sync.openStation': admin,
  'sync.previewSetupFile': admin,
  'sync.setupFromFile': admin,
  'sync.joinParent': admin,
  'sync.exportBundle': entry,
  'sync.exportAll': entry,
  'sync.importBundle': entry,
  'sync.history': view,
  'sync.conflicts': { role: '查看', health: 'redacted' },
  'sync.resolveConflict': entry,
  'sync.transferStaff': entry,
  'sync.withheld': { role: '查看', health: 'redacted' },
  'sync.dismissWithheld': entry,
  'sync.releaseHeld': entry,
  'sync.repairClock': admin,
};
