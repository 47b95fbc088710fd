import ExcelJS from 'exceljs';
import { degrees, educationLevels } from '../../shared/personnel-vocabulary';
import type { FileDownload } from '../../shared/staff-record';
import { personRecordSheetKinds } from './person-record-kinds';
import { recordSheetColumns } from './record-sheet-import';
import { rosterColumns } from './roster-columns';

/** Header style of the roster sheets: bold on light blue, required headers in red. */
export function styleHeaderRow(row: ExcelJS.Row, requiredColumns: ReadonlySet<number> = new Set()): void {
  row.height = 22;
  row.eachCell((cell, col) => {
    cell.font = { bold: true, color: { argb: requiredColumns.has(col) ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8EA9DB' } } };
  });
}

/** Rows of the template that get drop-down lists (the clerk's likely range). */
const LIST_ROWS = 500;

const listValues: Partial<Record<string, string>> = {
  category: '"民警,辅警,职工"',
  partyMember: '"中共党员,中共预备党员,共青团员,群众,民主党派,无党派人士"',
  unionMember: '"是,否"',
  hardship: '"是,否"',
  heroModel: '"是,否"',
  lunarBirthday: '"是,否"',
  education: `"${educationLevels.join(',')}"`,
  degree: `"${degrees.join(',')}"`,
};

const generalNotes = [
  '一、第一行是表头，请勿修改表头文字；从第二行起每行填写一人。表头也可以用常见写法（如「身份证号码」「公民身份号码」「联系电话」），导入时会自动识别。',
  '二、标红的列必须填写：姓名、人员类别、身份证号。出生日期、性别由身份证号自动得出，年龄、工龄、预计退休日期由程序计算，都不用填。',
  '三、身份证号一列必须设置为「文本」格式（模板已设置好）。从别的表格粘贴时请选择「只粘贴数值」，否则 Excel 可能把号码变成 1.10105E+17，导入时会被拒绝。',
  '四、导入时按身份证号匹配本所已登记的人员：已有的只更新有变化的项，没有的新增。空白单元格不会清除已有信息。',
  '五、同一个身份证号在表中只能出现一次；有问题的行不会导入，预览会逐行列出行号和原因，改好后可再次导入。',
  '六、灰色斜体的示例行导入时自动跳过，可以删除。',
  '七、「家属」「表彰」两张表可以不填：每行一条记录，「人员身份证号」填这条记录所属人员的身份证号（本所已登记的人员，或本文件人员名单中的人员）。同一人的同一家属（关系和姓名相同）、同一表彰（名称和日期相同）再次导入只更新有变化的项，不会重复登记；空白单元格不会清除已有信息。',
  '八、家属的「关系」填 配偶、父亲、母亲、配偶父亲、配偶母亲 或 子女（也认 妻子、丈夫、爱人、岳父、岳母、公公、婆婆、儿子、女儿）；每人只能登记一位配偶。电话号码写错的，只是电话不导入，其余照常导入。',
  '九、表尾的「制表人」「审核人」「填表日期」等行会自动跳过；只读取人员名单、家属、表彰三张表，其他工作表（如退休人员名单）不读取，预览会列出它们的名称。',
];

/** Adds the sheet of each person-record kind (家属, 表彰): its headers, required ones in red. */
function addRecordSheets(workbook: ExcelJS.Workbook): void {
  for (const kind of personRecordSheetKinds) {
    if (!kind.sheet) continue;
    const columns = recordSheetColumns(kind.sheet);
    const sheet = workbook.addWorksheet(kind.sheet.sheetNames[0], { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({ header: c.header, key: c.field, width: c.width }));
    styleHeaderRow(sheet.getRow(1), new Set(columns.flatMap((c, i) => (c.required ? [i + 1] : []))));
    columns.forEach((column, index) => {
      if (column.kind === 'idNumber' || column.kind === 'phone') sheet.getColumn(index + 1).numFmt = '@';
      if (column.options) {
        for (let row = 2; row <= LIST_ROWS; row += 1) {
          sheet.getCell(row, index + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${column.options.join(',')}"`] };
        }
      }
    });
  }
}

/** Builds the import template workbook: the 人员名单 sheet, the 填写说明 sheet, then the 家属 and 表彰 sheets. */
export function buildRosterTemplate(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '暖警台账';
  const sheet = workbook.addWorksheet('人员名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = rosterColumns.map((c) => ({ header: c.header, key: c.field, width: c.width }));
  const required = new Set(rosterColumns.flatMap((c, i) => (c.required ? [i + 1] : [])));
  styleHeaderRow(sheet.getRow(1), required);

  const example = sheet.addRow(rosterColumns.map((c) => c.example));
  example.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = { italic: true, color: { argb: 'FF808080' } };
  });

  rosterColumns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    if (column.kind === 'idNumber' || column.kind === 'phone' || column.field === 'badgeNo') sheetColumn.numFmt = '@';
    const list = listValues[column.field];
    if (list) {
      for (let row = 2; row <= LIST_ROWS; row += 1) {
        sheet.getCell(row, index + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [list] };
      }
    }
  });

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'header', width: 16 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写说明', key: 'help', width: 80 },
    { header: '示例', key: 'example', width: 22 },
  ];
  styleHeaderRow(help.getRow(1));
  for (const column of rosterColumns) {
    const row = help.addRow({ header: column.header, required: column.required ? '必填' : '选填', help: column.help, example: column.example });
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow([]);
  for (const note of generalNotes) {
    const row = help.addRow([note]);
    help.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = 32;
  }
  addRecordSheets(workbook);
  return workbook;
}

/** The import template as a file for the clerk to save (人员导入模板.xlsx). */
export async function rosterTemplate(): Promise<FileDownload> {
  const bytes = await buildRosterTemplate().xlsx.writeBuffer();
  return { fileName: '人员导入模板.xlsx', bytesBase64: Buffer.from(bytes).toString('base64') };
}
