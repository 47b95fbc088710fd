import { Alert, Col, Form, Input, Modal, Row, Select } from 'antd';
import { interventionForms, interventionInputSchema, type InterventionItem } from '../../../shared/health-record';
import { useClient } from '../../api/client-context';
import { TypedDatePicker } from '../../forms/typed-date-picker';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';
import { dateFieldProps, keyboardSelectProps, textOrNull } from '../staff/form-support';
import { usePersonRecordForm } from '../staff/use-person-record-form';

interface InterventionFormValues {
  date?: string | null;
  counsellor?: string;
  form?: InterventionItem['form'];
  summary?: string;
  nextDate?: string | null;
}

const shape = interventionInputSchema.shape;
const formFields = Object.keys(shape);

/** 添加 / 编辑一对一心理干预. */
export function InterventionFormDialog({ staffId, session, onClose }: { staffId: string; session: InterventionItem | null | undefined; onClose(): void }) {
  const client = useClient();
  const savePersonRecord = useAppStore((s) => s.savePersonRecord);
  const { form, error, modalProps, onKeyDown } = usePersonRecordForm<InterventionFormValues, InterventionItem>({
    record: session,
    valuesOf: (s) => ({ date: s.date, counsellor: s.counsellor ?? undefined, form: s.form, summary: s.summary ?? undefined, nextDate: s.nextDate }),
    formFields,
    save: (v) =>
      savePersonRecord(client, 'health.intervention', {
        id: session?.id,
        staffId,
        date: v.date ?? '',
        counsellor: textOrNull(v.counsellor),
        form: v.form as InterventionItem['form'],
        summary: textOrNull(v.summary),
        nextDate: v.nextDate ?? null,
      }),
    savedMessage: (v) => `已保存 ${v.date} 的心理干预`,
    onClose,
  });
  return (
    <Modal title={session ? `编辑心理干预：${session.date}` : '添加一对一心理干预'} {...modalProps} width={560}>
      <Form form={form} name="intervention" layout="vertical" validateTrigger="onChange" style={{ marginTop: 12 }} onKeyDown={onKeyDown}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="干预日期" name="date" required rules={[zodFieldRule(shape.date)]} {...dateFieldProps}>
              <TypedDatePicker style={{ width: '100%' }} placeholder="选择日期" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="方式" name="form" required rules={[zodFieldRule(shape.form)]}>
              <Select {...keyboardSelectProps} options={interventionForms.map((value) => ({ value, label: value }))} placeholder="面谈 / 电话 / 转介" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="干预人" name="counsellor" rules={[zodFieldRule(shape.counsellor)]}>
              <Input maxLength={20} placeholder="心理咨询师或谈心领导" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="下次干预日期" name="nextDate" rules={[zodFieldRule(shape.nextDate)]} {...dateFieldProps}>
              <TypedDatePicker style={{ width: '100%' }} placeholder="选择日期" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="干预情况" name="summary" rules={[zodFieldRule(shape.summary)]} style={{ marginBottom: 0 }}>
              <Input.TextArea maxLength={500} rows={3} />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}
