import { Alert, AutoComplete, Col, Form, Input, Modal, Row } from 'antd';
import { honourInputSchema, type HonourItem } from '../../../shared/staff-record';
import { useClient } from '../../api/client-context';
import { TypedDatePicker } from '../../forms/typed-date-picker';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';
import { dateFieldProps, textOrNull } from './form-support';
import { usePersonRecordForm } from './use-person-record-form';

interface HonourFormValues {
  title?: string;
  level?: string;
  date?: string | null;
  issuer?: string;
  documentNo?: string;
  note?: string;
}

const shape = honourInputSchema.shape;
const formFields = Object.keys(shape);

/** Titles a station records most (DOMAIN.md, Honours); the clerk may type any other. */
const commonTitles = ['季度之星', '嘉奖', '三等功', '二等功', '一等功', '优秀公务员', '优秀共产党员', '星级辅警', '最美辅警', '优秀辅警'];
const commonLevels = ['部级', '省级', '市级', '县级', '所级'];

const suggestions = (values: string[]) => values.map((value) => ({ value }));

export interface HonourFormDialogProps {
  staffId: string;
  /** The honour to edit, null to add one; undefined keeps the dialog closed. */
  honour: HonourItem | null | undefined;
  onClose(): void;
}

/** 添加 / 编辑表彰. */
export function HonourFormDialog({ staffId, honour, onClose }: HonourFormDialogProps) {
  const client = useClient();
  const savePersonRecord = useAppStore((s) => s.savePersonRecord);
  const { form, error, modalProps, onKeyDown } = usePersonRecordForm<HonourFormValues, HonourItem>({
    record: honour,
    valuesOf: (h) => ({ title: h.title, level: h.level ?? undefined, date: h.date, issuer: h.issuer ?? undefined, documentNo: h.documentNo ?? undefined, note: h.note ?? undefined }),
    formFields,
    save: (values) =>
      savePersonRecord(client, 'honour', {
        id: honour?.id,
        staffId,
        title: (values.title ?? '').trim(),
        level: textOrNull(values.level),
        date: values.date ?? '',
        issuer: textOrNull(values.issuer),
        documentNo: textOrNull(values.documentNo),
        note: textOrNull(values.note),
      }),
    savedMessage: (values) => `已保存表彰「${values.title}」`,
    onClose,
  });

  return (
    <Modal title={honour ? `编辑表彰：${honour.title}` : '添加表彰'} {...modalProps} width={520}>
      <Form form={form} name="honour" layout="vertical" validateTrigger="onChange" style={{ marginTop: 12 }} onKeyDown={onKeyDown}>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item label="表彰名称" name="title" required rules={[zodFieldRule(shape.title)]}>
              <AutoComplete options={suggestions(commonTitles)} placeholder="如 季度之星、三等功" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="级别" name="level" rules={[zodFieldRule(shape.level)]}>
              <AutoComplete options={suggestions(commonLevels)} placeholder="如 市级" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="表彰日期" name="date" required rules={[zodFieldRule(shape.date)]} {...dateFieldProps}>
              <TypedDatePicker style={{ width: '100%' }} placeholder="选择日期" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item label="颁发单位" name="issuer" rules={[zodFieldRule(shape.issuer)]}>
              <Input maxLength={40} placeholder="如 市公安局" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="文号" name="documentNo" rules={[zodFieldRule(shape.documentNo)]} tooltip="表彰文件的发文字号">
              <Input maxLength={40} placeholder="如 杭公政〔2025〕12号" />
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
