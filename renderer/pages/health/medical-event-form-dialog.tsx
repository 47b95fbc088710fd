import { Alert, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { medicalEventInputSchema, medicalEventKinds, reimbursementStates, type MedicalEventItem } from '../../../shared/health-record';
import { useClient } from '../../api/client-context';
import { TypedDatePicker } from '../../forms/typed-date-picker';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';
import { dateFieldProps, keyboardSelectProps, textOrNull } from '../staff/form-support';
import { usePersonRecordForm } from '../staff/use-person-record-form';

interface EventFormValues {
  kind?: MedicalEventItem['kind'];
  hospital?: string;
  greenChannel?: boolean;
  startDate?: string | null;
  endDate?: string | null;
  diagnosis?: string;
  reimbursement?: MedicalEventItem['reimbursement'];
  /** In yuan in the form; stored in fen. */
  amountYuan?: number | null;
  forcedRest?: boolean;
  note?: string;
}

const shape = medicalEventInputSchema.shape;
const formFields = [...Object.keys(shape), 'amountYuan'];

/** 添加 / 编辑就医: 住院 stays open (在院) until its 出院日期 is entered. */
export function MedicalEventFormDialog({ staffId, event, onClose }: { staffId: string; event: MedicalEventItem | null | undefined; onClose(): void }) {
  const client = useClient();
  const savePersonRecord = useAppStore((s) => s.savePersonRecord);
  const { form, error, modalProps, onKeyDown } = usePersonRecordForm<EventFormValues, MedicalEventItem>({
    record: event,
    valuesOf: (e) => ({
      kind: e.kind,
      hospital: e.hospital ?? undefined,
      greenChannel: e.greenChannel,
      startDate: e.startDate,
      endDate: e.endDate,
      diagnosis: e.diagnosis ?? undefined,
      reimbursement: e.reimbursement,
      amountYuan: e.reimbursedFen === null ? null : e.reimbursedFen / 100,
      forcedRest: e.forcedRest,
      note: e.note ?? undefined,
    }),
    formFields,
    save: (v) =>
      savePersonRecord(client, 'health.event', {
        id: event?.id,
        staffId,
        kind: v.kind as MedicalEventItem['kind'],
        hospital: textOrNull(v.hospital),
        greenChannel: v.greenChannel === true,
        startDate: v.startDate ?? '',
        endDate: v.endDate ?? null,
        diagnosis: textOrNull(v.diagnosis),
        reimbursement: v.reimbursement ?? '未报销',
        reimbursedFen: v.amountYuan === null || v.amountYuan === undefined ? null : Math.round(v.amountYuan * 100),
        forcedRest: v.forcedRest === true,
        note: textOrNull(v.note),
      }),
    savedMessage: (v) => `已保存${v.kind}记录`,
    onClose,
  });
  const kind = Form.useWatch('kind', form);
  const inHospital = kind === '住院';
  return (
    <Modal title={event ? `编辑就医：${event.kind} ${event.startDate}` : '添加就医记录'} {...modalProps} width={620}>
      <Form form={form} name="medicalEvent" layout="vertical" validateTrigger="onChange" style={{ marginTop: 12 }} onKeyDown={onKeyDown} initialValues={{ reimbursement: '未报销' }}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="类别" name="kind" required rules={[zodFieldRule(shape.kind)]}>
              <Select {...keyboardSelectProps} options={medicalEventKinds.map((value) => ({ value, label: value }))} placeholder="选择类别" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label="医院" name="hospital" rules={[zodFieldRule(shape.hospital)]}>
              <Input maxLength={60} placeholder="如 市第一人民医院" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={inHospital ? '入院日期' : '开始日期'} name="startDate" required rules={[zodFieldRule(shape.startDate)]} {...dateFieldProps}>
              <TypedDatePicker style={{ width: '100%' }} placeholder="选择日期" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={inHospital ? '出院日期' : '结束日期'} name="endDate" rules={[zodFieldRule(shape.endDate)]} {...dateFieldProps} extra={inHospital ? '仍在住院的不填' : undefined}>
              <TypedDatePicker style={{ width: '100%' }} placeholder={inHospital ? '在院不填' : '选择日期'} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label=" " name="greenChannel" valuePropName="checked">
              <Checkbox>走绿色通道</Checkbox>
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="诊断（通俗说明）" name="diagnosis" rules={[zodFieldRule(shape.diagnosis)]}>
              <Input maxLength={200} placeholder="如 急性阑尾炎，已手术" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="报销状态" name="reimbursement" rules={[zodFieldRule(shape.reimbursement)]}>
              <Select {...keyboardSelectProps} options={reimbursementStates.map((value) => ({ value, label: value }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="金额（元）" name="amountYuan">
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label=" " name="forcedRest" valuePropName="checked">
              <Checkbox>责令强制休息</Checkbox>
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
