import { useEffect } from 'react';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Space } from 'antd';
import { useShallow } from 'zustand/react/shallow';
import { settingsCatalog, settingKeys, type SettingKey } from '../../../shared/settings-catalog';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { zodFieldRule } from '../../forms/zod-field-rule';

/** 设置: the configurable rules of DOMAIN.md and this installation's identity. */
export function SettingsPage() {
  const client = useClient();
  const { message } = App.useApp();
  const { info, settings, loadSettings, saveSetting } = useAppStore(
    useShallow((s) => ({ info: s.info, settings: s.settings, loadSettings: s.loadSettings, saveSetting: s.saveSetting })),
  );
  const [form] = Form.useForm();
  useEffect(() => {
    void loadSettings(client);
  }, [client, loadSettings]);
  useEffect(() => {
    if (settings) form.setFieldsValue(settings);
  }, [settings, form]);

  async function save(key: SettingKey) {
    try {
      await form.validateFields([key]);
      await saveSetting(client, key, form.getFieldValue(key));
      message.success(`已保存「${settingsCatalog[key].label}」`);
    } catch (error) {
      if (error instanceof Error) message.error(error.message);
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="规则与提醒">
        <Form form={form} layout="horizontal" labelCol={{ span: 8 }} wrapperCol={{ span: 10 }}>
          {settingKeys.map((key) => {
            const entry = settingsCatalog[key];
            const numeric = typeof entry.defaultValue === 'number';
            return (
              <Form.Item key={key} label={entry.label} required>
                <Space>
                  <Form.Item name={key} noStyle rules={[zodFieldRule(entry.schema)]}>
                    {numeric ? <InputNumber style={{ width: 160 }} /> : <Input style={{ width: 200 }} />}
                  </Form.Item>
                  <Button onClick={() => void save(key)}>保存</Button>
                </Space>
              </Form.Item>
            );
          })}
        </Form>
      </Card>
      <Card title="本机信息">
        <Descriptions column={1} size="small">
          <Descriptions.Item label="站点标识">{info?.siteId}</Descriptions.Item>
          <Descriptions.Item label="数据文件">{info?.databasePath}</Descriptions.Item>
          <Descriptions.Item label="程序版本">{info?.appVersion}</Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}
