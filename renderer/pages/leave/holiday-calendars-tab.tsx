import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, UploadOutlined } from '@ant-design/icons';
import { useShallow } from 'zustand/react/shallow';
import { PermittedAction } from '../../frame/call-permission';
import { holidayCalendarFileSchema, type HolidayCalendar } from '../../../shared/holiday-calendar';
import { usePlatform } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';

interface EditorValues {
  year?: number;
  holidays?: string;
  workdays?: string;
  notice?: string;
}

const datesOf = (text: string | undefined) => (text ?? '').split(/[\s,，、;；]+/).map((d) => d.trim()).filter(Boolean);

/** Base64 of a picked file as text (UTF-8, a BOM dropped). */
function textOf(bytesBase64: string): string {
  const bytes = Uint8Array.from(atob(bytesBase64), (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/**
 * 节假日安排: the official calendar of each year this installation has (shipped, the unit's own,
 * or its bureau's). A bureau imports a new year from a JSON file or types it in the editor (放假日期
 * and 调休上班日期, the notice's title); its stations receive it in its bundles and only read it.
 */
export function HolidayCalendarsTab() {
  const { client, files } = usePlatform();
  const { message } = App.useApp();
  const { isBureau, version, refreshLeaveFor } = useAppStore(useShallow((s) => ({ isBureau: s.info?.station?.role === 'bureau', version: s.leaveVersion, refreshLeaveFor: s.refreshLeaveFor })));
  const [calendars, setCalendars] = useState<HolidayCalendar[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [editorError, setEditorError] = useState<string | null>(null);
  const [form] = Form.useForm<EditorValues>();
  useEffect(() => {
    client.call('calendar.list', {}).then(setCalendars, (e: Error) => setError(e.message));
  }, [client, version]);

  async function saveFile(content: unknown) {
    const parsed = holidayCalendarFileSchema.safeParse(content);
    if (!parsed.success) throw new Error(`节假日安排有误：${parsed.error.issues.map((i) => i.message).join('；')}`);
    const saved = await client.call('calendar.save', parsed.data);
    message.success(`已保存 ${saved.year} 年节假日安排：放假 ${saved.holidays.length} 天，调休上班 ${saved.workdays.length} 天。导出同步文件后随之下发到各所。`);
    await refreshLeaveFor(client, { tables: ['holiday_calendar'], rowIds: { holiday_calendar: null } });
  }

  async function importJson() {
    const picked = (await files.open([{ name: '节假日安排（JSON）', extensions: ['json'] }], false))[0];
    if (!picked) return;
    try {
      let content: unknown;
      try {
        content = JSON.parse(textOf(picked.bytesBase64));
      } catch {
        throw new Error(`${picked.name} 不是有效的 JSON 文件。格式如：{ "year": 2027, "holidays": ["2027-01-01"], "workdays": ["2027-02-07"], "notice": "国务院办公厅关于2027年部分节假日安排的通知" }`);
      }
      await saveFile(content);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  function openEditor(calendar?: HolidayCalendar) {
    const year = calendar?.year ?? (calendars[0]?.year ?? new Date().getFullYear()) + 1;
    form.setFieldsValue({ year, holidays: calendar?.holidays.join('\n') ?? '', workdays: calendar?.workdays.join('\n') ?? '', notice: calendar?.notice ?? `国务院办公厅关于${year}年部分节假日安排的通知` });
    setEditorError(null);
    setEditing(true);
  }

  async function saveEditor() {
    const v = form.getFieldsValue();
    try {
      await saveFile({ year: v.year, holidays: datesOf(v.holidays), workdays: datesOf(v.workdays), notice: v.notice });
      setEditing(false);
    } catch (e) {
      setEditorError((e as Error).message);
    }
  }

  return (
    <Flex vertical gap={12}>
      {error && <Alert type="error" showIcon title={error} />}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          {isBureau
            ? '国务院办公厅公布新一年的节假日安排后，在这里导入（JSON）或录入，导出同步文件后各所即可按新一年的工作日计算休假。缺少某年的安排时，该年的休假天数不能计算。'
            : '节假日安排由市局/县局录入并随同步文件下发，本所只能查看。缺少某年的安排时，请联系市局。'}
        </Typography.Text>
        {isBureau && (
          <Space>
            <PermittedAction method="calendar.save">
              <Button icon={<UploadOutlined />} onClick={() => void importJson()}>
                导入 JSON
              </Button>
            </PermittedAction>
            <PermittedAction method="calendar.save">
              <Button icon={<EditOutlined />} onClick={() => openEditor()}>
                录入新一年
              </Button>
            </PermittedAction>
          </Space>
        )}
      </Flex>
      <Card size="small">
        <Table<HolidayCalendar>
          size="small"
          rowKey="year"
          dataSource={calendars}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '年度', dataIndex: 'year', width: 70 },
            { title: '来源', dataIndex: 'source', width: 90, render: (s: string) => <Tag color={s === '内置' ? 'default' : 'blue'}>{s}</Tag> },
            { title: '放假', dataIndex: 'holidays', width: 70, render: (h: string[]) => `${h.length} 天` },
            { title: '调休上班', dataIndex: 'workdays', render: (w: string[]) => w.join('、') || '无' },
            { title: '依据', dataIndex: 'notice' },
            ...(isBureau ? [{ title: '操作', key: 'edit', width: 70, render: (_: unknown, c: HolidayCalendar) => <PermittedAction method="calendar.save" hide><Button type="link" size="small" onClick={() => openEditor(c)}>修改</Button></PermittedAction> }] : []),
          ]}
        />
      </Card>
      <Modal title="录入节假日安排" open={editing} onOk={() => void saveEditor()} onCancel={() => setEditing(false)} okText="保存" destroyOnHidden width={640}>
        <Form form={form} layout="vertical">
          <Form.Item label="年度" name="year">
            <InputNumber min={2000} max={2100} precision={0} />
          </Form.Item>
          <Form.Item label="放假日期（含调休形成的连休日，每行或用逗号分隔一个日期，如 2027-10-01）" name="holidays">
            <Input.TextArea rows={6} />
          </Form.Item>
          <Form.Item label="调休上班日期（要上班的周六、周日）" name="workdays">
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item label="依据（通知名称）" name="notice">
            <Input maxLength={100} />
          </Form.Item>
          {editorError && <Alert type="error" showIcon title={editorError} />}
        </Form>
      </Modal>
    </Flex>
  );
}
