import { Alert, Col, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { derivedChildExamYears, isUnrecognisedGrade } from '../../../shared/person-derivations';
import { familyInputSchema, familyRelations, type FamilyInput, type FamilyMemberItem, type FamilyRelation } from '../../../shared/staff-record';
import { useClient } from '../../api/client-context';
import { TypedDatePicker } from '../../forms/typed-date-picker';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';
import { halfWidthNoSpaces } from '../../../shared/zod-chinese';
import { dateFieldProps, keyboardSelectProps, numberOrNull, textOrNull } from './form-support';
import { usePersonRecordForm } from './use-person-record-form';

interface FamilyFormValues {
  relation?: FamilyRelation;
  name?: string;
  birthDate?: string | null;
  phone?: string;
  workOrSchool?: string;
  grade?: string;
  zhongkaoYear?: number | null;
  gaokaoYear?: number | null;
  notes?: string;
}

const shape = familyInputSchema.shape;
const formFields = Object.keys(shape);

/** The grades the 中考/高考 years can be worked out from (see `examYearsFromGrade`). */
export const KNOWN_GRADES_HINT = '一年级～六年级、七～九年级、初一～初三、高一～高三';

/** A grade the years cannot come from is kept as typed; the clerk is only told so (never refused). */
function unknownGradeRule(today: string) {
  return {
    warningOnly: true,
    validator: async (_rule: unknown, value: unknown) => {
      if (typeof value === 'string' && isUnrecognisedGrade(value, today)) throw new Error('未能识别此年级，不会据此推算');
    },
  };
}

function valuesOf(member: FamilyMemberItem, today: string): FamilyFormValues {
  // Exam years the handler derived are not put back as if the clerk had entered them.
  const derived = derivedChildExamYears(member.grade, member.birthDate, today);
  return {
    relation: member.relation,
    name: member.name,
    birthDate: member.birthDate,
    phone: member.phone ?? undefined,
    workOrSchool: member.workOrSchool ?? undefined,
    grade: member.grade ?? undefined,
    zhongkaoYear: member.zhongkaoYear === derived?.zhongkao ? null : member.zhongkaoYear,
    gaokaoYear: member.gaokaoYear === derived?.gaokao ? null : member.gaokaoYear,
    notes: member.notes ?? undefined,
  };
}

export interface FamilyFormDialogProps {
  staffId: string;
  /** The member to edit, null to add one; undefined keeps the dialog closed. */
  member: FamilyMemberItem | null | undefined;
  onClose(): void;
}

/** The family form's values as the handler takes them; 子女-only fields only for 子女. */
function inputOf(values: FamilyFormValues, staffId: string, id: string | undefined): FamilyInput {
  const isChild = values.relation === '子女';
  return {
    id,
    staffId,
    relation: values.relation as FamilyRelation,
    name: (values.name ?? '').trim(),
    birthDate: values.birthDate ?? null,
    phone: textOrNull(values.phone),
    workOrSchool: textOrNull(values.workOrSchool),
    grade: isChild ? textOrNull(values.grade) : null,
    zhongkaoYear: isChild ? numberOrNull(values.zhongkaoYear) : null,
    gaokaoYear: isChild ? numberOrNull(values.gaokaoYear) : null,
    notes: textOrNull(values.notes),
  };
}

/** 添加 / 编辑家属; for 子女 the grade and the 中考/高考 years. */
export function FamilyFormDialog({ staffId, member, onClose }: FamilyFormDialogProps) {
  const client = useClient();
  const today = useAppStore((s) => s.info?.today ?? '');
  const savePersonRecord = useAppStore((s) => s.savePersonRecord);
  const { form, error, modalProps, onKeyDown } = usePersonRecordForm<FamilyFormValues, FamilyMemberItem>({
    record: member,
    valuesOf: (m) => valuesOf(m, today),
    formFields,
    save: (values) => savePersonRecord(client, 'family', inputOf(values, staffId, member?.id)),
    savedMessage: (values, m) => (m ? `已保存家属「${values.name}」` : `已添加家属「${values.name}」`),
    onClose,
  });
  const relation = Form.useWatch('relation', form);
  const grade = Form.useWatch('grade', form);
  const birthDate = Form.useWatch('birthDate', form);
  const isChild = relation === '子女';
  const derived = isChild ? derivedChildExamYears(grade, birthDate, today) : null;
  const unknownGrade = isChild && isUnrecognisedGrade(grade, today);

  return (
    <Modal title={member ? `编辑家属：${member.name}` : '添加家属'} {...modalProps} width={560}>
      <Form form={form} name="family" layout="vertical" validateTrigger="onChange" style={{ marginTop: 12 }} onKeyDown={onKeyDown}>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item label="与本人关系" name="relation" required rules={[zodFieldRule(shape.relation)]}>
              <Select {...keyboardSelectProps} placeholder="选择关系" options={familyRelations.map((r) => ({ value: r, label: r }))} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item label="家属姓名" name="name" required rules={[zodFieldRule(shape.name)]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="出生日期" name="birthDate" rules={[zodFieldRule(shape.birthDate)]} {...dateFieldProps}>
              <TypedDatePicker style={{ width: '100%' }} placeholder="选择日期" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item label="家属电话" name="phone" rules={[zodFieldRule(shape.phone)]} normalize={(v: unknown) => (typeof v === 'string' ? halfWidthNoSpaces(v) : v)}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={isChild ? '学校' : '工作单位'} name="workOrSchool" rules={[zodFieldRule(shape.workOrSchool)]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          {isChild && (
            <>
              <Col span={8}>
                <Form.Item label="年级" name="grade" rules={[zodFieldRule(shape.grade), unknownGradeRule(today)]} tooltip={`可识别 ${KNOWN_GRADES_HINT}（也可写 小学一年级、初中二年级）；用于推算中考、高考年份`}>
                  <Input placeholder="如 初二" maxLength={10} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="中考年份" name="zhongkaoYear" rules={[zodFieldRule(shape.zhongkaoYear)]}>
                  <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} placeholder={derived ? String(derived.zhongkao) : '自动推算'} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="高考年份" name="gaokaoYear" rules={[zodFieldRule(shape.gaokaoYear)]}>
                  <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} placeholder={derived ? String(derived.gaokao) : '自动推算'} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: -12, marginBottom: 12 }} data-testid="exam-year-hint">
                  {unknownGrade && `年级「${(grade ?? '').trim()}」未能识别（可识别 ${KNOWN_GRADES_HINT}），不据此推算；`}
                  {derived
                    ? `按${derived.from}推算：${derived.zhongkao}年中考，${derived.gaokao}年高考；留空即按推算，留级、跳级等请直接填写。`
                    : unknownGrade
                      ? '中考、高考年份请直接填写（或填出生日期按年龄推算）。'
                      : '填写年级或出生日期后自动推算中考、高考年份，也可直接填写。'}
                </Typography.Text>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item label="备注" name="notes" rules={[zodFieldRule(shape.notes)]} style={{ marginBottom: 0 }}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}
