import { useEffect, useMemo, useState } from 'react';
import { Alert, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useShallow } from 'zustand/react/shallow';
import { ApiCallError } from '../../../shared/contract/api-contract';
import type { FamilyMemberItem } from '../../../shared/staff-record';
import { formatFen } from '../../../shared/synced-table-definition';
import { fundingSources, visitInputSchema, visitKinds, type VisitInput, type VisitItem, type VisitKind, type VisitStandard } from '../../../shared/visit-record';
import { describeStandard } from '../../../shared/visit-standards';
import { useClient } from '../../api/client-context';
import { TypedDatePicker } from '../../forms/typed-date-picker';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';
import { dateFieldProps, keyboardSelectProps, textOrNull } from '../staff/form-support';
import { usePersonRecordForm } from '../staff/use-person-record-form';
import { fenOf, yuanOf } from './visit-labels';

interface VisitFormValues {
  staffId?: string;
  familyMemberId?: string | null;
  kind?: VisitKind;
  date?: string | null;
  eventDate?: string | null;
  event?: string;
  cashYuan?: number | null;
  goods?: string;
  goodsValueYuan?: number | null;
  funding?: VisitInput['funding'];
  visitors?: string;
  receiptSigned?: boolean;
  note?: string;
  confirmReason?: string;
}

const shape = visitInputSchema.shape;
const formFields = [...Object.keys(shape), 'cashYuan', 'goodsValueYuan'];

export interface VisitFormDialogProps {
  /** The visit to edit, null to add one; undefined keeps the dialog closed. */
  visit: VisitItem | null | undefined;
  /** The person visited (the drawer's 慰问 tab); absent: the clerk picks one. */
  staffId?: string;
  /** A new visit's starting values (a reminder's: the kind, the event and its date). */
  preset?: Partial<VisitInput>;
  onClose(): void;
}

/**
 * 登记 / 编辑慰问. The standard in force on the event's date is shown as the clerk types; a warning
 * (over a cap, a second visit for the event, over budget) comes back from the main process and
 * asks for a 确认说明, which is saved with the visit.
 */
/**
 * 对应事件: typed (2026中秋, 2026生日), or a hospitalisation of 健康管理 (住院:<id>, from a reminder or
 * an edit), shown as 「住院 2026-12-04」 — never its internal key — and cleared as a whole.
 */
function EventInput({ id, value, onChange, eventDate }: { id?: string; value?: string | null; onChange?: (value: string | null) => void; eventDate: string | null }) {
  if (value?.startsWith('住院:')) {
    return <Input id={id} readOnly allowClear title="健康管理中的这次住院" value={`住院${eventDate ? ` ${eventDate}` : ''}`} onChange={(e) => (e.target.value === '' ? onChange?.(null) : undefined)} />;
  }
  return <Input id={id} maxLength={80} placeholder="如 2026中秋" value={value ?? ''} onChange={(e) => onChange?.(e.target.value)} />;
}

export function VisitFormDialog({ visit, staffId, preset, onClose }: VisitFormDialogProps) {
  const client = useClient();
  const { savePersonRecord, roster, rosterLoaded, loadRoster, today } = useAppStore(
    useShallow((s) => ({ savePersonRecord: s.savePersonRecord, roster: s.roster, rosterLoaded: s.rosterLoaded, loadRoster: s.loadRoster, today: s.info?.today ?? '' })),
  );
  const [needsReason, setNeedsReason] = useState(false);
  const { form, error, modalProps, onKeyDown } = usePersonRecordForm<VisitFormValues, VisitItem>({
    record: visit,
    valuesOf: (v) => ({
      staffId: v.staffId,
      familyMemberId: v.familyMemberId,
      kind: v.kind,
      date: v.date,
      eventDate: v.eventDate,
      event: v.event ?? undefined,
      cashYuan: yuanOf(v.cashFen),
      goods: v.goods ?? undefined,
      goodsValueYuan: yuanOf(v.goodsValueFen),
      funding: v.funding,
      visitors: v.visitors ?? undefined,
      receiptSigned: v.receiptSigned,
      note: v.note ?? undefined,
      confirmReason: v.confirmReason ?? undefined,
    }),
    formFields,
    save: async (v) => {
      try {
        await savePersonRecord(client, 'visits', {
          id: visit?.id,
          staffId: v.staffId ?? staffId ?? '',
          familyMemberId: v.familyMemberId ?? null,
          kind: v.kind as VisitKind,
          date: v.date ?? '',
          eventDate: v.eventDate ?? null,
          event: textOrNull(v.event),
          cashFen: fenOf(v.cashYuan) ?? 0,
          goods: textOrNull(v.goods),
          goodsValueFen: fenOf(v.goodsValueYuan) ?? 0,
          funding: v.funding ?? '工会经费',
          visitors: textOrNull(v.visitors),
          receiptSigned: v.receiptSigned === true,
          note: textOrNull(v.note),
          confirmReason: textOrNull(v.confirmReason),
        });
      } catch (e) {
        if (e instanceof ApiCallError && e.code === 'VISIT_NEEDS_CONFIRMATION') setNeedsReason(true);
        throw e;
      }
    },
    savedMessage: (v) => `已登记${v.kind}`,
    onClose,
  });
  const open = visit !== undefined;
  useEffect(() => {
    if (!open) return;
    setNeedsReason(Boolean(visit?.confirmReason));
    if (!visit) form.setFieldsValue({ staffId, date: today, funding: '工会经费', ...preset, cashYuan: yuanOf(preset?.cashFen), goodsValueYuan: yuanOf(preset?.goodsValueFen) } as VisitFormValues);
    if (!staffId && !rosterLoaded) void loadRoster(client);
  }, [open, visit, staffId, preset, today, form, rosterLoaded, loadRoster, client]);

  const person = Form.useWatch('staffId', form) ?? staffId;
  const kind = Form.useWatch('kind', form);
  const date = Form.useWatch('date', form);
  const eventDate = Form.useWatch('eventDate', form);
  const [family, setFamily] = useState<FamilyMemberItem[]>([]);
  const [personName, setPersonName] = useState<string | null>(null);
  const [standard, setStandard] = useState<VisitStandard | null>(null);
  useEffect(() => {
    if (!open || !person) {
      setPersonName(null);
      return setFamily([]);
    }
    void client.call('staff.get', { id: person }).then(
      (d) => {
        setFamily(d.family);
        setPersonName(d.staff.name);
      },
      () => setFamily([]),
    );
  }, [open, person, client]);
  const on = eventDate || date;
  useEffect(() => {
    if (!open || !kind || !on) return setStandard(null);
    void client.call('visits.standardOn', { kind, date: on }).then(setStandard, () => setStandard(null));
  }, [open, kind, on, client]);
  const people = useMemo(() => roster.filter((p) => !p.readOnlyNote).map((p) => ({ value: p.id, label: `${p.name}（${p.category}${p.status === '在职' ? '' : `，${p.status}`}）` })), [roster]);

  return (
    <Modal title={visit ? `编辑慰问：${visit.staffName} ${visit.kind}` : staffId && personName ? `登记慰问：${personName}` : '登记慰问'} {...modalProps} width={680}>
      <Form form={form} name="visit" layout="vertical" validateTrigger="onChange" style={{ marginTop: 12 }} onKeyDown={onKeyDown}>
        <Row gutter={16}>
          {!staffId && (
            <Col span={12}>
              <Form.Item label="慰问对象（人员）" name="staffId" required rules={[{ required: true, message: '请选择慰问对象' }]}>
                <Select {...keyboardSelectProps} options={people} placeholder="输入姓名查找" />
              </Form.Item>
            </Col>
          )}
          <Col span={staffId ? 12 : 12}>
            <Form.Item label="慰问家属（不填为本人）" name="familyMemberId">
              <Select allowClear placeholder="本人" options={family.map((f) => ({ value: f.id, label: `${f.relation} ${f.name}` }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="慰问类型" name="kind" required rules={[zodFieldRule(shape.kind)]}>
              <Select {...keyboardSelectProps} options={visitKinds.map((value) => ({ value, label: value }))} placeholder="选择类型" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="慰问日期" name="date" required rules={[zodFieldRule(shape.date)]} {...dateFieldProps}>
              <TypedDatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="事件日期" name="eventDate" rules={[zodFieldRule(shape.eventDate)]} {...dateFieldProps} tooltip="住院、节日、生日等事件的日期：按这一天执行的标准核对；不填按慰问日期">
              <TypedDatePicker style={{ width: '100%' }} placeholder="同慰问日期" />
            </Form.Item>
          </Col>
          <Col span={24}>
            {standard && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`「${standard.kind}」标准：${describeStandard(standard, formatFen)}${standard.note ? `；${standard.note}` : ''}`} data-testid="visit-standard" />}
          </Col>
          <Col span={8}>
            <Form.Item label="慰问金额（元）" name="cashYuan">
              <InputNumber min={0} precision={2} style={{ width: '100%' }} disabled={standard?.inKindOnly} placeholder={standard?.inKindOnly ? '只发实物' : undefined} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="慰问物品" name="goods" rules={[zodFieldRule(shape.goods)]}>
              <Input maxLength={100} placeholder="如 月饼礼盒" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="物品价值（元）" name="goodsValueYuan">
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="经费来源" name="funding" rules={[zodFieldRule(shape.funding)]}>
              <Select options={fundingSources.map((value) => ({ value, label: value }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="慰问人" name="visitors" rules={[zodFieldRule(shape.visitors)]}>
              <Input maxLength={60} placeholder="如 所长 王建国" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="对应事件" name="event" rules={[zodFieldRule(shape.event)]} tooltip="如 2026中秋、2026生日；同一事件只慰问一次">
              <EventInput eventDate={eventDate ?? null} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label="备注" name="note" rules={[zodFieldRule(shape.note)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label=" " name="receiptSigned" valuePropName="checked">
              <Checkbox>已签领</Checkbox>
            </Form.Item>
          </Col>
          {needsReason && (
            <Col span={24}>
              <Form.Item label="确认说明（超标准、重复慰问或超预算时必填，随记录保存）" name="confirmReason" rules={[{ required: true, message: '请填写确认说明' }, zodFieldRule(shape.confirmReason)]}>
                <Input maxLength={200} placeholder="如 经所务会研究同意" />
              </Form.Item>
            </Col>
          )}
        </Row>
        {error && <Alert type={needsReason ? 'warning' : 'error'} showIcon title={<span style={{ whiteSpace: 'pre-line' }}>{error}</span>} style={{ marginTop: 4 }} />}
      </Form>
    </Modal>
  );
}
