import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import type { MethodName, ParsedArgsOf, ResultOf } from '../../shared/contract/api-contract';
import type { PersonTableName } from '../../shared/synced-table-catalog';
import type { LedgerStore } from '../../db/ledger-store';
import type { Database } from '../../db/schema';
import type { FieldValue } from '../../db/synced-tables';
import { tombstoneRecord, writeRecord, type WriteActor } from '../../db/write-path';
import type { HandlerTable } from '../handlers/handler-registry';
import { todayOf } from '../app-deps';
import type { SheetColumn } from './roster-columns';
import { liveStaffRow, refuseIfHeldElsewhere, requireOwnStaffRow, type StaffRowWithStation } from './staff-rows';

/**
 * A person record (家属, 表彰, and later 体检, 慰问, 休假): rows of a person-owned table, added,
 * edited and deleted from the person's detail. One kind describes what differs between them — the
 * table, the checks, the columns written and the item shown; saving and deleting are the same for
 * all: only for a live person this installation may change, through the one write path.
 */

/** A stored row of a person-owned table. */
export type PersonRecordRow<T extends PersonTableName> = Database[T] & { id: string; staff_id: string | null };

/** A person record's form after validation: the record's id to edit (absent to add) and its person. */
export interface PersonRecordInput {
  id?: string;
  staffId: string;
}

/** One reason a record cannot be saved, tied to the form field it concerns. */
export interface RecordProblem {
  field: string;
  message: string;
}

/** What a kind's checks and column values may look at. */
export interface PersonRecordContext<T extends PersonTableName> {
  today: string;
  /** The row being edited; undefined when adding. */
  existing: PersonRecordRow<T> | undefined;
  /** The person's other live records of the table (for a rule across them: one 配偶). */
  others: readonly Record<string, FieldValue>[];
  /** The person the record belongs to (their 参加工作时间 for the date checks …); absent for a person an Excel import is about to add. */
  person?: StaffRowWithStation;
  /** For checks that look at the person's other records (a second checkup on the same date …); absent in an Excel import's preview. */
  store?: LedgerStore;
}

/** A column of a person-record sheet of the Excel import: a form field and the table column it fills. */
export interface RecordSheetColumn extends SheetColumn {
  /** The table column the field is stored in (a blank cell keeps its stored value). */
  column: string;
  required: boolean;
  /** Column width in the template, in characters. */
  width: number;
  /** The template's drop-down list for the column. */
  options?: readonly string[];
  /** A bad value leaves this field out (with a warning on the row), not the whole record: a phone number. */
  soft?: boolean;
}

/**
 * How a kind's records come in from Excel (a 家属 or 表彰 sheet of the roster workbook, one record a
 * row, the person named by their 身份证号): read by the one record-sheet reader
 * (`record-sheet-import.ts`) and saved through the kind like a form.
 */
export interface RecordSheetSpec<Input> {
  /** The template's sheet name first, then the names clerks' own workbooks use. */
  sheetNames: readonly [string, ...string[]];
  /** The record's columns (the person's 身份证号 and 姓名 columns are added). */
  columns: readonly RecordSheetColumn[];
  /** Fields that find the person's existing record (a match updates it, so importing twice changes nothing). */
  matchOn: readonly string[];
  /** The form's schema (the same checks and messages as the dialog). */
  parse(raw: Record<string, unknown>): { success: true; data: Input } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  /** Names a record in the import preview: 配偶 王芳. */
  describe(input: Input): string;
}

/** One kind of person record. */
export interface PersonRecordKind<T extends PersonTableName, Input extends PersonRecordInput, Item> {
  table: T;
  /** Refusal when the record to edit or delete is missing or deleted (NOT_FOUND). */
  notFoundMessage: string;
  /** Checks beyond the input schema (a date after today …); empty when fine. */
  check?(input: Input, context: PersonRecordContext<T>): RecordProblem[];
  /** The table's own columns to write (`station_id` and `staff_id` are the person's). */
  values(input: Input, context: PersonRecordContext<T>): Record<string, FieldValue>;
  /** A stored row as the detail drawer (and reports) show it. */
  toItem(row: PersonRecordRow<T>, today: string): Item;
  /** How the records come in from Excel; absent when they do not. */
  sheet?: RecordSheetSpec<Input>;
}

function liveRecordRow<T extends PersonTableName>(store: LedgerStore, table: T, id: string): PersonRecordRow<T> | undefined {
  return store.sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ? AND deleted_at IS NULL`).get(id) as PersonRecordRow<T> | undefined;
}

function problemsError(problems: RecordProblem[]): AppError {
  const fields: Record<string, string> = {};
  for (const problem of problems) fields[problem.field] ??= problem.message;
  return new AppError(commonErrorCodes.invalidArgument, problems.map((p) => p.message).join('；'), { fields });
}

/**
 * Adds or edits a record of a live person, through the write path, in one transaction: `NOT_FOUND`
 * for a missing person or record (or a record of another person), `STAFF_NOT_OURS` at a station for
 * a person another station keeps now, `INVALID_ARGUMENT` with per-field messages for the kind's checks.
 */
export function savePersonRecord<T extends PersonTableName, Input extends PersonRecordInput, Item>(
  store: LedgerStore,
  actor: WriteActor,
  kind: PersonRecordKind<T, Input, Item>,
  input: Input,
  today: string,
): Item {
  return store.transaction(() => {
    const person = requireOwnStaffRow(store, input.staffId);
    const existing = input.id ? liveRecordRow(store, kind.table, input.id) : undefined;
    if (input.id && (!existing || existing.staff_id !== input.staffId)) throw new AppError(commonErrorCodes.notFound, kind.notFoundMessage);
    const others = (store.sqlite.prepare(`SELECT * FROM "${kind.table}" WHERE staff_id = ? AND deleted_at IS NULL AND id <> ?`).all(input.staffId, existing?.id ?? '') as Record<string, FieldValue>[]);
    const context: PersonRecordContext<T> = { today, existing, others, person, store };
    const problems = kind.check?.(input, context) ?? [];
    if (problems.length > 0) throw problemsError(problems);
    const id = existing?.id ?? store.newId();
    writeRecord(store, actor, kind.table, id, {
      station_id: existing ? undefined : person.station_id,
      staff_id: input.staffId,
      ...kind.values(input, context),
    });
    return kind.toItem(liveRecordRow(store, kind.table, id) as PersonRecordRow<T>, today);
  });
}

/** Deletes (tombstones) a record; `NOT_FOUND` when missing, `STAFF_NOT_OURS` for another station's person. */
export function deletePersonRecord<T extends PersonTableName>(store: LedgerStore, actor: WriteActor, kind: Pick<PersonRecordKind<T, PersonRecordInput, unknown>, 'table' | 'notFoundMessage'>, id: string): boolean {
  return store.transaction(() => {
    const row = liveRecordRow(store, kind.table, id);
    if (!row) throw new AppError(commonErrorCodes.notFound, kind.notFoundMessage);
    if (row.staff_id) refuseIfHeldElsewhere(store, liveStaffRow(store, row.staff_id));
    return tombstoneRecord(store, actor, kind.table, id);
  });
}

/**
 * The save and delete handlers of a kind, under its contract names (`family.save`, `family.delete`):
 * each writes through `savePersonRecord` / `deletePersonRecord` and announces its table.
 */
export function personRecordHandlers<T extends PersonTableName, Save extends MethodName, Delete extends MethodName>(
  calls: { save: Save; delete: Delete },
  kind: PersonRecordKind<T, ParsedArgsOf<Save> & PersonRecordInput, ResultOf<Save>>,
): HandlerTable {
  const handlers: Record<string, unknown> = {
    [calls.save]: (deps: Parameters<NonNullable<HandlerTable[Save]>>[0], args: ParsedArgsOf<Save> & PersonRecordInput) => {
      const item = savePersonRecord(deps.store, deps.user, kind, args, todayOf(deps));
      deps.events('data.changed', { tables: [kind.table] });
      return item;
    },
    [calls.delete]: (deps: Parameters<NonNullable<HandlerTable[Delete]>>[0], args: { id: string }) => {
      const deleted = deletePersonRecord(deps.store, deps.user, kind, args.id);
      deps.events('data.changed', { tables: [kind.table] });
      return { deleted };
    },
  };
  return handlers as HandlerTable;
}
