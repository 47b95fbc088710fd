import { Alert, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { psychInstruments, psychLevels, screeningInputSchema, type ScreeningItem } from '../../../shared/health-record';
import { useClient } from '../../api/client-context';
import { TypedDatePicker } from '../../forms/typed-date-picker';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';
import { dateFieldProps, keyboardSelectProps, textOrNull } from '../staff/form-support';
import { usePersonRecordForm } from '../staff/use-person-record-form';

interface ScreeningFormValues {
  date?: string | null;
  instrument?: ScreeningItem['instrument'];
  score?: number | null;
  level?: ScreeningItem['level'];
  note?: string;
}

const shape = screeningInputSchema.shape;
const formFields = Object.keys(shape);

/** 添加 / 编辑心理健康普测: 预警 and 危机 put the person on the watch list. */
export function ScreeningFormDialog({ staffId, screening, onClose }: { staffId: string; screening: ScreeningItem | null | undefined; onClose(): void }) {
  const client = useClient();
  const savePersonRecord = useAppStore((s) => s.savePersonRecord);
  const { form, error, modalProps, onKeyDown } = usePersonRecordForm<ScreeningFormValues, ScreeningItem>({
    record: screening,
    valuesOf: (s) => ({ date: s.date, instrument: s.instrument, score: s.score, level: s.level, note: s.note ?? undefined }),
    formFields,
    save: (v) =>
      savePersonRecord(client, 'health.screening', {
        id: screening?.id,
        staffId,
        date: v.date ?? '',
        instrument: v.instrument as ScreeningItem['instrument'],
        score: v.score ?? null,
        level: v.level as ScreeningItem['level'],
        note: textOrNull(v.note),
      }),
    savedMessage: (v) => `已保存 ${v.date} 的心理普测（${v.level}）`,
    onClose,
  });
  return (
    <Modal title={screening ? `编辑心理普测：${screening.date}` : '添加心理健康普测'} {...modalProps} width={560}>
      <Form form={form} name="screening" layout="vertical" validateTrigger="onChange" style={{ marginTop: 12 }} onKeyDown={onKeyDown}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="普测日期" name="date" required rules={[zodFieldRule(shape.date)]} {...dateFieldProps}>
              <TypedDatePicker style={{ width: '100%' }} placeholder="选择日期" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="量表" name="instrument" required rules={[zodFieldRule(shape.instrument)]}>
              <Select {...keyboardSelectProps} options={psychInstruments.map((value) => ({ value, label: value }))} placeholder="选择量表" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="得分" name="score" rules={[zodFieldRule(shape.score)]}>
              <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="结果等级" name="level" required rules={[zodFieldRule(shape.level)]}>
              <Select {...keyboardSelectProps} options={psychLevels.map((value) => ({ value, label: value }))} placeholder="正常 / 关注 / 预警 / 危机" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="备注" name="note" rules={[zodFieldRule(shape.note)]} style={{ marginBottom: 0 }}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}
