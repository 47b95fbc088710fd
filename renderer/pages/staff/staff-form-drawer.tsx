import { useEffect, useRef, useState } from 'react';
import { Alert, App, AutoComplete, Button, Checkbox, Col, Divider, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { ApiCallError } from '../../../shared/contract/api-contract';
import { parseIdNumber } from '../../../shared/id-number';
import { RETIREMENT_BASE_LABELS, type RetirementBase } from '../../../shared/retirement-date';
import {
  retirementBases,
  staffCategories,
  staffInputSchema,
  type StaffCategoryName,
  type StaffInput,
  type StaffListItem,
} from '../../../shared/staff-record';
import { fieldAppliesTo, type CategoryOnlyField } from '../../../shared/staff-category-fields';
import { useClient } from '../../api/client-context';
import { TypedDatePicker } from '../../forms/typed-date-picker';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';
import { deriveFromIdNumber } from './id-number-derivation';
import { halfWidthNoSpaces } from '../../../shared/zod-chinese';
import { dateFieldProps, keyboardSelectProps, numberOrNull, refusalMessage, saveShortcutHandler, textOrNull, useDiscardGuard } from './form-support';
import { degrees, educationLevels, ethnicGroups } from '../../../shared/personnel-vocabulary';
import { badgeLabel, disabilityLabel, starLabel } from './staff-labels';

/** The form's values: dates as `YYYY-MM-DD` strings, numbers and booleans as antd gives them. */
interface StaffFormValues {
  category?: StaffCategoryName;
  name?: string;
  idNumber?: string;
  phone?: string;
  badgeNo?: string;
  position?: string;
  rank?: string;
  auxLevel?: number | null;
  starRating?: number | null;
  workStartDate?: string | null;
  priorServiceMonths?: number | null;
  joinedStationDate?: string | null;
  hireDate?: string | null;
  ethnicity?: string | null;
  education?: string | null;
  degree?: string | null;
  partyJoinDate?: string | null;
  partyMember?: boolean;
  unionMember?: boolean;
  hardship?: boolean;
  heroModel?: boolean;
  lunarBirthday?: boolean;
  disabilityLevel?: number | null;
  retirementBase?: RetirementBase | null;
  retirementDateOverride?: string | null;
  notes?: string;
}

const formFields = Object.keys(staffInputSchema.shape);

/** ID, badge and phone numbers typed full-width or with spaces are cleaned up as the clerk types. */
const compactCode = (value: unknown) => (typeof value === 'string' ? halfWidthNoSpaces(value) : value);
const shape = staffInputSchema.shape;

function valuesOf(person: StaffListItem): StaffFormValues {
  return {
    category: person.category,
    name: person.name,
    idNumber: person.idNumber,
    phone: person.phone ?? undefined,
    badgeNo: person.badgeNo ?? undefined,
    position: person.position ?? undefined,
    rank: person.rank ?? undefined,
    auxLevel: person.auxLevel,
    starRating: person.starRating,
    workStartDate: person.workStartDate,
    priorServiceMonths: person.priorServiceMonths || null,
    joinedStationDate: person.joinedStationDate,
    hireDate: person.hireDate,
    ethnicity: person.ethnicity,
    education: person.education,
    degree: person.degree,
    partyJoinDate: person.partyJoinDate,
    partyMember: person.partyMember,
    unionMember: person.unionMember,
    hardship: person.hardship,
    heroModel: person.heroModel,
    lunarBirthday: person.lunarBirthday,
    disabilityLevel: person.disabilityLevel,
    retirementBase: person.retirementBase,
    retirementDateOverride: person.retirementDateOverride,
    notes: person.notes ?? undefined,
  };
}

/**
 * Every field explicitly, so a cleared field is stored as cleared; a field the category does not
 * have (层级/星级 but for 辅警, 职级 for 辅警: `shared/staff-category-fields.ts`) is sent empty.
 */
function inputOf(values: StaffFormValues, id: string | undefined): StaffInput {
  const has = (field: CategoryOnlyField) => fieldAppliesTo(field, values.category);
  return {
    id,
    category: values.category as StaffCategoryName,
    name: (values.name ?? '').trim(),
    idNumber: (values.idNumber ?? '').trim(),
    phone: textOrNull(values.phone),
    badgeNo: textOrNull(values.badgeNo),
    position: textOrNull(values.position),
    rank: has('rank') ? textOrNull(values.rank) : null,
    auxLevel: has('auxLevel') ? numberOrNull(values.auxLevel) : null,
    starRating: has('starRating') ? numberOrNull(values.starRating) : null,
    workStartDate: values.workStartDate ?? null,
    priorServiceMonths: numberOrNull(values.priorServiceMonths) ?? 0,
    joinedStationDate: values.joinedStationDate ?? null,
    hireDate: values.hireDate ?? null,
    ethnicity: (values.ethnicity ?? null) as StaffInput['ethnicity'],
    education: (values.education ?? null) as StaffInput['education'],
    degree: (values.degree ?? null) as StaffInput['degree'],
    // 入党时间 only for a party member (the field is hidden otherwise).
    partyJoinDate: values.partyMember ? (values.partyJoinDate ?? null) : null,
    partyMember: values.partyMember ?? false,
    unionMember: values.unionMember ?? false,
    hardship: values.hardship ?? false,
    heroModel: values.heroModel ?? false,
    lunarBirthday: values.lunarBirthday ?? false,
    disabilityLevel: numberOrNull(values.disabilityLevel),
    retirementBase: values.retirementBase ?? null,
    retirementDateOverride: values.retirementDateOverride ?? null,
    notes: textOrNull(values.notes),
  };
}

export interface StaffFormDrawerProps {
  open: boolean;
  /** The person to edit, or null to add a new one. */
  person: StaffListItem | null;
  /** Positions already in the roster, offered as the clerk types. */
  positions: string[];
  onClose(): void;
  onSaved(saved: StaffListItem, created: boolean): void;
  /** Opens the file of the person already registered with the ID number the clerk typed. */
  onOpenExisting(id: string): void;
}

/** 新增人员 / 编辑: validates as the clerk types and shows what the ID number derives. */
export function StaffFormDrawer({ open, person, positions, onClose, onSaved, onOpenExisting }: StaffFormDrawerProps) {
  const client = useClient();
  const { message } = App.useApp();
  const today = useAppStore((s) => s.info?.today ?? '2000-01-01');
  const saveStaff = useAppStore((s) => s.saveStaff);
  const [form] = Form.useForm<StaffFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** When the ID number is already registered: that person's id, to open their file instead. */
  const [existingId, setExistingId] = useState<string | null>(null);
  const { markPristine, requestClose } = useDiscardGuard(form, open);
  /** A save under way: Enter pressed twice must not add the person twice. */
  const savingNow = useRef(false);
  const close = () => requestClose(onClose);

  const category = Form.useWatch('category', form);
  const idNumber = Form.useWatch('idNumber', form);
  const chosenBase = Form.useWatch('retirementBase', form);
  const override = Form.useWatch('retirementDateOverride', form);
  const partyMember = Form.useWatch('partyMember', form);
  const derived = deriveFromIdNumber(idNumber, today, category, chosenBase);
  const auxiliary = fieldAppliesTo('auxLevel', category);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setExistingId(null);
    form.resetFields();
    form.setFieldsValue(person ? valuesOf(person) : { category: '民警' });
    markPristine();
  }, [open, person, form, markPristine]);

  async function save() {
    if (savingNow.current) return;
    let values: StaffFormValues;
    try {
      values = await form.validateFields();
    } catch (invalid) {
      setError('有填写不正确的项目，请按红字提示修改');
      const first = (invalid as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return;
    }
    setSaving(true);
    savingNow.current = true;
    setError(null);
    setExistingId(null);
    try {
      const saved = await saveStaff(client, inputOf({ ...form.getFieldsValue(true), ...values }, person?.id));
      message.success(person ? `已保存「${saved.name}」的修改` : `已新增「${saved.name}」`);
      onSaved(saved, !person);
    } catch (e) {
      setError(refusalMessage(form, e, formFields));
      const existing = e instanceof ApiCallError ? (e.details as { existingId?: unknown } | undefined)?.existingId : undefined;
      setExistingId(typeof existing === 'string' && existing !== person?.id ? existing : null);
    } finally {
      setSaving(false);
      savingNow.current = false;
    }
  }

  const idRule = {
    validator: async (_rule: unknown, value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') return;
      const parsed = parseIdNumber(value, today);
      if (!parsed.ok) throw new Error(parsed.message);
    },
  };

  return (
    <Drawer
      title={person ? `编辑：${person.name}` : '新增人员'}
      open={open}
      onClose={close}
      size={680}
      destroyOnHidden
      styles={{ body: { paddingTop: 8 } }}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={close}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void save()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} name="staff" layout="vertical" validateTrigger="onChange" size="middle" onKeyDown={saveShortcutHandler(() => void save())}>
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 8 }}
            title={error}
            action={
              existingId ? (
                <Button size="small" onClick={() => onOpenExisting(existingId)}>
                  打开已登记的档案
                </Button>
              ) : undefined
            }
          />
        )}
        <Divider titlePlacement="start" plain style={{ marginTop: 4 }}>
          基本信息
        </Divider>
        <Form.Item label="人员类别" name="category" required rules={[zodFieldRule(shape.category)]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={staffCategories.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item label="姓名" name="name" required rules={[zodFieldRule(shape.name)]}>
              <Input autoFocus maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item label="电话" name="phone" rules={[zodFieldRule(shape.phone)]} normalize={compactCode}>
              <Input placeholder="手机号或带区号的固定电话" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="身份证号"
          name="idNumber"
          normalize={compactCode}
          required
          rules={[zodFieldRule(shape.idNumber), idRule]}
          extra={
            derived ? (
              <>
                {derived.upgradedFrom && (
                  <Typography.Text type="warning" style={{ display: 'block' }} data-testid="id-upgrade">
                    {`15位旧号码，已按国家标准（GB 11643）升为18位：${derived.idNumber}，保存时按18位登记`}
                  </Typography.Text>
                )}
                <Typography.Text type="success" data-testid="id-derivation">
                  {`出生日期 ${derived.birthDate} · ${derived.gender} · ${derived.age}岁 · 预计退休 ${override || derived.retirementDate}`}
                  {override ? '（手工指定）' : `（${derived.retirementAge}）`}
                </Typography.Text>
              </>
            ) : idNumber ? undefined : (
              '出生日期、性别由身份证号自动得出，无需另填'
            )
          }
        >
          <Input maxLength={26} style={{ fontFamily: 'Consolas, "Courier New", monospace', letterSpacing: 0.5 }} />
        </Form.Item>

        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="民族" name="ethnicity" rules={[zodFieldRule(shape.ethnicity)]}>
              <Select {...keyboardSelectProps} allowClear placeholder="选择或输入，如 汉族" options={ethnicGroups.map((g) => ({ value: g, label: g }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="学历" name="education" rules={[zodFieldRule(shape.education)]}>
              <Select {...keyboardSelectProps} allowClear placeholder="最高学历" options={educationLevels.map((e) => ({ value: e, label: e }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="学位" name="degree" rules={[zodFieldRule(shape.degree)]}>
              <Select {...keyboardSelectProps} allowClear placeholder="最高学位" options={degrees.map((d) => ({ value: d, label: d }))} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          工作信息
        </Divider>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label={badgeLabel(category)} name="badgeNo" rules={[zodFieldRule(shape.badgeNo)]} normalize={compactCode}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="岗位" name="position" rules={[zodFieldRule(shape.position)]}>
              <AutoComplete
                placeholder="选择或输入"
                options={positions.map((p) => ({ value: p }))}
                showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()) }}
              />
            </Form.Item>
          </Col>
          {auxiliary ? (
            <>
              <Col span={4}>
                <Form.Item label="层级" name="auxLevel" rules={[zodFieldRule(shape.auxLevel)]}>
                  <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item label="星级" name="starRating" rules={[zodFieldRule(shape.starRating)]}>
                  <Select {...keyboardSelectProps} allowClear placeholder="无" options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: starLabel(n) }))} />
                </Form.Item>
              </Col>
            </>
          ) : (
            <Col span={8}>
              <Form.Item label={category === '民警' ? '职级/警衔' : '职级'} name="rank" rules={[zodFieldRule(shape.rank)]}>
                <Input />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="参加工作时间" name="workStartDate" rules={[zodFieldRule(shape.workStartDate)]} {...dateFieldProps}>
              <TypedDatePicker style={{ width: '100%' }} placeholder="选择日期" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="认定工龄（月）" name="priorServiceMonths" rules={[zodFieldRule(shape.priorServiceMonths)]} tooltip="参加工作前经认定的工龄，如军龄">
              <InputNumber min={0} max={600} precision={0} style={{ width: '100%' }} placeholder="0" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="入职时间" name="hireDate" rules={[zodFieldRule(shape.hireDate)]} {...dateFieldProps} tooltip="现单位录用的日期；辅警为与公安局签订劳动合同的日期，在各所之间调动不变（新入职当年年休假按它折算）">
              <TypedDatePicker style={{ width: '100%' }} placeholder="选择日期" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="调入本所时间" name="joinedStationDate" rules={[zodFieldRule(shape.joinedStationDate)]} {...dateFieldProps}>
              <TypedDatePicker style={{ width: '100%' }} placeholder="选择日期" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          标记
        </Divider>
        <Row gutter={16} align="bottom">
          <Col span={16}>
            <Form.Item label="身份与关爱标记">
              <Space size={16} wrap>
                <Form.Item name="partyMember" valuePropName="checked" noStyle>
                  <Checkbox>党员</Checkbox>
                </Form.Item>
                <Form.Item name="unionMember" valuePropName="checked" noStyle>
                  <Checkbox>工会会员</Checkbox>
                </Form.Item>
                <Form.Item name="hardship" valuePropName="checked" noStyle>
                  <Checkbox>困难职工</Checkbox>
                </Form.Item>
                <Form.Item name="heroModel" valuePropName="checked" noStyle>
                  <Checkbox>英模</Checkbox>
                </Form.Item>
                <Form.Item name="lunarBirthday" valuePropName="checked" noStyle>
                  <Checkbox>生日按农历</Checkbox>
                </Form.Item>
              </Space>
            </Form.Item>
          </Col>
          {partyMember && (
            <Col span={8}>
              <Form.Item label="入党时间" name="partyJoinDate" rules={[zodFieldRule(shape.partyJoinDate)]} {...dateFieldProps}>
                <TypedDatePicker style={{ width: '100%' }} placeholder="如 2010-07-01" />
              </Form.Item>
            </Col>
          )}
          <Col span={8}>
            <Form.Item label="因公伤残等级" name="disabilityLevel" rules={[zodFieldRule(shape.disabilityLevel)]}>
              <Select {...keyboardSelectProps} allowClear placeholder="无" options={[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({ value: n, label: disabilityLabel(n) }))} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          退休
        </Divider>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item
              label="退休年龄基准"
              name="retirementBase"
              rules={[zodFieldRule(shape.retirementBase)]}
              extra={derived?.baseIsDefault ? `未选择时按性别和类别：${derived.baseLabel}` : undefined}
            >
              <Select
                {...keyboardSelectProps}
                allowClear
                placeholder="按性别和类别自动确定"
                options={retirementBases.map((b) => ({ value: b, label: RETIREMENT_BASE_LABELS[b] }))}
              />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              label="指定退休日期"
              name="retirementDateOverride"
              rules={[zodFieldRule(shape.retirementDateOverride)]}
              extra="提前退休、特殊岗位等，留空则按政策计算"
              {...dateFieldProps}
            >
              <TypedDatePicker style={{ width: '100%' }} placeholder="按政策计算" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="备注" name="notes" rules={[zodFieldRule(shape.notes)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
