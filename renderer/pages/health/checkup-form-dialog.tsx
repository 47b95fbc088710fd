import { useEffect, useState } from 'react';
import { Alert, Checkbox, Col, Form, Input, Modal, Row, Select } from 'antd';
import { checkupConclusions, checkupInputSchema, type CheckupItem } from '../../../shared/health-record';
import { useClient } from '../../api/client-context';
import { TypedDatePicker } from '../../forms/typed-date-picker';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';
import { dateFieldProps, keyboardSelectProps, textOrNull } from '../staff/form-support';
import { usePersonRecordForm } from '../staff/use-person-record-form';

interface CheckupFormValues {
  date?: string | null;
  institution?: string;
  conclusion?: CheckupItem['conclusion'];
  abnormalItems?: string[];
  followUpDue?: string | null;
  followUpDoneDate?: string | null;
  followUpResult?: string;
  note?: string;
  confirmDuplicate?: boolean;
}

const shape = checkupInputSchema.shape;
const formFields = Object.keys(shape);

export interface CheckupFormDialogProps {
  staffId: string;
  checkup: CheckupItem | null | undefined;
  onClose(): void;
}

/** 添加 / 编辑体检: conclusion, abnormal items from the vocabulary (or typed), follow-up. */
export function CheckupFormDialog({ staffId, checkup, onClose }: CheckupFormDialogProps) {
  const client = useClient();
  const savePersonRecord = useAppStore((s) => s.savePersonRecord);
  const [vocabulary, setVocabulary] = useState<string[]>([]);
  useEffect(() => {
    if (checkup !== undefined) void client.call('health.vocabulary', {}).then((items) => setVocabulary(items.map((i) => i.name)));
  }, [client, checkup]);
  const { form, error, modalProps, onKeyDown } = usePersonRecordForm<CheckupFormValues, CheckupItem>({
    record: checkup,
    valuesOf: (c) => ({
      date: c.date,
      institution: c.institution ?? undefined,
      conclusion: c.conclusion,
      abnormalItems: c.abnormalItems,
      followUpDue: c.followUpDue,
      followUpDoneDate: c.followUpDoneDate,
      followUpResult: c.followUpResult ?? undefined,
      note: c.note ?? undefined,
    }),
    formFields,
    save: async (v) => {
      await savePersonRecord(client, 'health.checkup', {
        id: checkup?.id,
        staffId,
        date: v.date ?? '',
        institution: textOrNull(v.institution),
        conclusion: v.conclusion as CheckupItem['conclusion'],
        abnormalItems: v.abnormalItems ?? [],
        followUpDue: v.followUpDue ?? null,
        followUpDoneDate: v.followUpDoneDate ?? null,
        followUpResult: textOrNull(v.followUpResult),
        note: textOrNull(v.note),
        confirmDuplicate: v.confirmDuplicate === true,
      });
      // Items typed that the vocabulary lacks join it, so the next checkup offers them.
      const added = (v.abnormalItems ?? []).filter((item) => !vocabulary.includes(item));
      if (added.length > 0) await client.call('health.addItems', { names: added }).catch(() => undefined);
    },
    savedMessage: (v) => `已保存 ${v.date} 的体检记录`,
    onClose,
  });

  return (
    <Modal title={checkup ? `编辑体检：${checkup.date}` : '添加体检'} {...modalProps} width={620}>
      <Form form={form} name="checkup" layout="vertical" validateTrigger="onChange" style={{ marginTop: 12 }} onKeyDown={onKeyDown}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="体检日期" name="date" required rules={[zodFieldRule(shape.date)]} {...dateFieldProps}>
              <TypedDatePicker style={{ width: '100%' }} placeholder="选择日期" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label="体检机构" name="institution" rules={[zodFieldRule(shape.institution)]}>
              <Input maxLength={60} placeholder="如 市公安医院" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="体检结论" name="conclusion" required rules={[zodFieldRule(shape.conclusion)]}>
              <Select {...keyboardSelectProps} options={checkupConclusions.map((value) => ({ value, label: value }))} placeholder="选择结论" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label="异常项目" name="abnormalItems" rules={[zodFieldRule(shape.abnormalItems)]}>
              <Select mode="tags" options={vocabulary.map((value) => ({ value }))} placeholder="从词表选择，或输入后回车" tokenSeparators={['、', '，', ',']} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="复查截止日期" name="followUpDue" rules={[zodFieldRule(shape.followUpDue)]} {...dateFieldProps}>
              <TypedDatePicker style={{ width: '100%' }} placeholder="需复查时填" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="复查日期" name="followUpDoneDate" rules={[zodFieldRule(shape.followUpDoneDate)]} {...dateFieldProps}>
              <TypedDatePicker style={{ width: '100%' }} placeholder="已复查时填" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="复查结果" name="followUpResult" rules={[zodFieldRule(shape.followUpResult)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="备注" name="note" rules={[zodFieldRule(shape.note)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="confirmDuplicate" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox>确认同日另一次体检（同一人同一天已有体检记录时才需勾选）</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}
