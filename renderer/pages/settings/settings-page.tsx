import { useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space } from 'antd';
import { useShallow } from 'zustand/react/shallow';
import { settingsCatalog, settingKeys, type SettingKey } from '../../../shared/settings-catalog';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { AccountsCard } from '../accounts/accounts-card';

/** 设置: the configurable rules of DOMAIN.md and this installation's identity. */
export function SettingsPage() {
  const client = useClient();
  const { message } = App.useApp();
  const { info, settings, loadSettings, saveSetting, loadInfo, account } = useAppStore(
    useShallow((s) => ({ info: s.info, settings: s.settings, loadSettings: s.loadSettings, saveSetting: s.saveSetting, loadInfo: s.loadInfo, account: s.account })),
  );
  // With accounts the change log names the signed-in user: no 经办人 to set; a 管理员 manages the accounts.
  const accountsInUse = Boolean(account?.accountsExist);
  const isAdmin = account?.user?.role === '管理员';
  const [operatorName, setOperatorName] = useState(info?.operatorName ?? '');
  const [operatorError, setOperatorError] = useState<string | null>(null);
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

  async function saveOperator() {
    setOperatorError(null);
    try {
      await client.call('station.setOperator', { operatorName });
      await loadInfo(client);
      message.success(`经办人已设为「${operatorName.trim()}」，此后的修改都记在这个名字下`);
    } catch (error) {
      setOperatorError((error as Error).message);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {accountsInUse && isAdmin && <AccountsCard />}
      {!accountsInUse && (
      <Card title="经办人">
        <Form layout="horizontal" labelCol={{ span: 8 }} wrapperCol={{ span: 10 }}>
          <Form.Item
            label="本机经办人"
            validateStatus={operatorError ? 'error' : undefined}
            help={operatorError ?? '记入此后每一条修改的变更记录（谁在何时改了什么）；换人经办时在这里改'}
          >
            <Space>
              <Input aria-label="本机经办人" style={{ width: 200 }} maxLength={20} value={operatorName} onChange={(e) => setOperatorName(e.target.value)} placeholder="例如：王丽" />
              <Button onClick={() => void saveOperator()}>保存</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      )}
      <Card title="规则与提醒">
        <Form form={form} layout="horizontal" labelWrap labelCol={{ span: 8 }} wrapperCol={{ span: 10 }}>
          {settingKeys.map((key) => {
            const entry = settingsCatalog[key];
            const numeric = typeof entry.defaultValue === 'number';
            // A setting of a few words (年中跨档的算法): chosen from its list.
            const choices = 'options' in entry.schema ? (entry.schema.options as readonly string[]) : null;
            return (
              <Form.Item key={key} label={entry.label} required={numeric}>
                <Space>
                  <Form.Item name={key} noStyle rules={[zodFieldRule(entry.schema)]}>
                    {numeric ? (
                      <InputNumber aria-label={entry.label} style={{ width: 160 }} precision={0} suffix={entry.unit} />
                    ) : choices ? (
                      <Select aria-label={entry.label} style={{ width: 200 }} options={choices.map((value) => ({ value, label: value }))} />
                    ) : (
                      <Input aria-label={entry.label} style={{ width: 200 }} />
                    )}
                  </Form.Item>
                  <Button onClick={() => void save(key)} disabled={accountsInUse && !isAdmin}>
                    保存
                  </Button>
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
          <Descriptions.Item label="数据结构版本">{info?.schemaVersion}</Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}
