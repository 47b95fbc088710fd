import { useEffect, useState } from 'react';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { childExamYears, examYearsFromGrade, schoolYearStartYearOn } from '../../../shared/person-derivations';
import { familyInputSchema, familyRelations, type FamilyMemberItem, type FamilyRelation } from '../../../shared/staff-record';
import { useClient } from '../../api/client-context';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';
import { halfWidthNoSpaces } from '../../../shared/zod-chinese';
import { DATE_FORMAT, dateFieldProps, numberOrNull, refusalMessage, textOrNull, useDiscardGuard } from './form-support';

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

/** Whether a grade is filled in but not one the exam years can be worked out from (幼儿园大班, 大一 …). */
export function isUnknownGrade(grade: string | null | undefined, today: string): boolean {
  if (!grade || grade.trim() === '' || !today) return false;
  return examYearsFromGrade(grade.trim(), schoolYearStartYearOn(today)) === null;
}

/** A grade the years cannot come from is kept as typed; the clerk is only told so (never refused). */
function unknownGradeRule(today: string) {
  return {
    warningOnly: true,
    validator: async (_rule: unknown, value: unknown) => {
      if (typeof value === 'string' && isUnknownGrade(value, today)) throw new Error('未能识别此年级，不会据此推算');
    },
  };
}

/** The exam years a child's grade (better) or birth date gives, as the handler derives them. */
export function derivedExamYears(grade: string | null | undefined, birthDate: string | null | undefined, today: string) {
  if (grade && today) {
    const fromGrade = examYearsFromGrade(grade, schoolYearStartYearOn(today));
    if (fromGrade) return { ...fromGrade, from: '年级' as const };
  }
  if (birthDate) return { ...childExamYears(birthDate), from: '出生日期' as const };
  return null;
}

function valuesOf(member: FamilyMemberItem, today: string): FamilyFormValues {
  // Exam years the handler derived are not put back as if the clerk had entered them.
  const derived = derivedExamYears(member.grade, member.birthDate, today);
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

/** 添加 / 编辑家属; for 子女 the grade and the 中考/高考 years. */
export function FamilyFormDialog({ staffId, member, onClose }: FamilyFormDialogProps) {
  const client = useClient();
  const { message } = App.useApp();
  const today = useAppStore((s) => s.info?.today ?? '');
  const saveFamilyMember = useAppStore((s) => s.saveFamilyMember);
  const [form] = Form.useForm<FamilyFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = member !== undefined;
  const relation = Form.useWatch('relation', form);
  const grade = Form.useWatch('grade', form);
  const birthDate = Form.useWatch('birthDate', form);
  const isChild = relation === '子女';
  const derived = isChild ? derivedExamYears(grade, birthDate, today) : null;
  const unknownGrade = isChild && isUnknownGrade(grade, today);
  const { markPristine, requestClose } = useDiscardGuard(form);
  const close = () => requestClose(onClose);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (member) form.setFieldsValue(valuesOf(member, today));
    markPristine();
  }, [open, member, today, form, markPristine]);

  async function submit() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      await saveFamilyMember(client, {
        id: member?.id,
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
      });
      message.success(member ? `已保存家属「${values.name}」` : `已添加家属「${values.name}」`);
      onClose();
    } catch (e) {
      setError(refusalMessage(form, e, formFields));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title={member ? `编辑家属：${member.name}` : '添加家属'}
      open={open}
      onCancel={close}
      onOk={() => void submit()}
      okText="保存"
      confirmLoading={saving}
      destroyOnHidden
      width={560}
    >
      <Form form={form} name="family" layout="vertical" validateTrigger="onChange" style={{ marginTop: 12 }}>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item label="与本人关系" name="relation" required rules={[zodFieldRule(shape.relation)]}>
              <Select placeholder="选择关系" options={familyRelations.map((r) => ({ value: r, label: r }))} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item label="家属姓名" name="name" required rules={[zodFieldRule(shape.name)]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="出生日期" name="birthDate" rules={[zodFieldRule(shape.birthDate)]} {...dateFieldProps}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder="选择日期" />
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
