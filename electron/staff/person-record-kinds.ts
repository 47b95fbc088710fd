import type { HandlerTable } from '../handlers/handler-registry';
import { checkupRecords, interventionRecords, medicalEventRecords, screeningRecords } from '../health/health-records';
import { familyRecords } from './family-records';
import { honourRecords } from './honour-records';
import { personRecordHandlers } from './person-records';
import type { SheetKind } from './record-sheet-import';

/**
 * Every kind of person record (家属, 表彰 …): its save and delete calls, and the kinds the Excel
 * import reads a sheet of (in the order the workbook's sheets are applied).
 */
export const personRecordHandlerTable: HandlerTable = {
  ...personRecordHandlers({ save: 'family.save', delete: 'family.delete' }, familyRecords),
  ...personRecordHandlers({ save: 'honour.save', delete: 'honour.delete' }, honourRecords),
  ...personRecordHandlers({ save: 'health.checkup.save', delete: 'health.checkup.delete' }, checkupRecords),
  ...personRecordHandlers({ save: 'health.screening.save', delete: 'health.screening.delete' }, screeningRecords),
  ...personRecordHandlers({ save: 'health.intervention.save', delete: 'health.intervention.delete' }, interventionRecords),
  ...personRecordHandlers({ save: 'health.event.save', delete: 'health.event.delete' }, medicalEventRecords),
};

/** The kinds with a sheet in the roster workbook (家属, 表彰), read by `record-sheet-import.ts`. */
export const personRecordSheetKinds: readonly SheetKind[] = [familyRecords, honourRecords];
