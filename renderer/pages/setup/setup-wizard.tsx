import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Radio, Segmented, Space, Steps, Typography } from 'antd';
import { FileProtectOutlined } from '@ant-design/icons';
import { stationSetupSchema, type StationSetupInput } from '../../../shared/contract/app-contract';
import type { SetupFilePreview } from '../../../shared/sync-record';
import { useClient, usePlatform } from '../../api/client-context';
import type { PickedFile } from '../../api/file-transfer';
import { useAppStore } from '../../stores/store-context';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { ApiCallError } from '../../../shared/contract/api-contract';
import { commonErrorCodes } from '../../../shared/contract/api-error';
import { groupFingerprint, setupFileFilters } from '../sync/sync-format';

const roleOptions = [
  { value: 'station', label: '派出所（基层单位，向市局/县局报送数据）' },
  { value: 'bureau', label: '市局 / 县局（汇总所属派出所的数据）' },
];

type SetupWay = 'manual' | 'file';

/** The first way: the clerk types the unit's code, name and type. */
function ManualSetupForm() {
  const client = useClient();
  const setupStation = useAppStore((s) => s.setupStation);
  const loadInfo = useAppStore((s) => s.loadInfo);
  const [form] = Form.useForm<StationSetupInput>();
  const [error, setError] = useState<string | null>(null);
  const [alreadySetUp, setAlreadySetUp] = useState(false);
  const [saving, setSaving] = useState(false);

  async function finish(values: StationSetupInput) {
    setSaving(true);
    setError(null);
    try {
      await setupStation(client, values);
    } catch (e) {
      setError((e as Error).message);
      setAlreadySetUp(e instanceof ApiCallError && e.code === commonErrorCodes.alreadySetUp);
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Steps size="small" current={0} style={{ marginBottom: 24 }} items={[{ title: '设置单位' }, { title: '开始使用' }]} />
      <Form form={form} layout="vertical" onFinish={(v) => void finish(v)} initialValues={{ role: 'station' }}>
        <Form.Item label="单位代码" name="code" rules={[zodFieldRule(stationSetupSchema.shape.code)]} extra="由市局统一编排，例如 330102-01">
          <Input placeholder="330102-01" autoFocus />
        </Form.Item>
        <Form.Item label="单位名称" name="name" rules={[zodFieldRule(stationSetupSchema.shape.name)]}>
          <Input placeholder="例如：西湖区公安分局北山派出所" />
        </Form.Item>
        <Form.Item label="单位类型" name="role" rules={[zodFieldRule(stationSetupSchema.shape.role)]}>
          <Radio.Group options={roleOptions} style={{ display: 'flex', flexDirection: 'column', gap: 8 }} />
        </Form.Item>
        <Form.Item label="经办人（选填）" name="operatorName" extra="记录在每条修改的变更记录中">
          <Input placeholder="例如：王丽" />
        </Form.Item>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            action={alreadySetUp ? <Button size="small" onClick={() => void loadInfo(client)}>进入台账</Button> : undefined}
          />
        )}
        <Button type="primary" htmlType="submit" loading={saving} block size="large">
          完成设置
        </Button>
      </Form>
    </>
  );
}

/**
 * The second way: the setup file the bureau issued (开通派出所). It is read first (nothing written),
 * the clerk compares the bureau's key fingerprint by phone, then confirms.
 */
function SetupFromFilePanel() {
  const { client, files } = usePlatform();
  const previewSetupFile = useAppStore((s) => s.previewSetupFile);
  const setupFromFile = useAppStore((s) => s.setupFromFile);
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<SetupFilePreview | null>(null);
  const [operatorName, setOperatorName] = useState('');
  const [busy, setBusy] = useState<'reading' | 'saving' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function pick() {
    setError(null);
    const [picked] = await files.open(setupFileFilters, false);
    if (!picked) return;
    setBusy('reading');
    setPreview(null);
    setFile(null);
    try {
      setPreview(await previewSetupFile(client, picked));
      setFile(picked);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function confirm() {
    if (!file) return;
    setBusy('saving');
    setError(null);
    try {
      await setupFromFile(client, file, operatorName);
    } catch (e) {
      setError((e as Error).message);
      setBusy(null);
    }
  }

  return (
    <>
      <Steps size="small" current={preview ? 1 : 0} style={{ marginBottom: 24 }} items={[{ title: '选择开通文件' }, { title: '核对并确认' }, { title: '开始使用' }]} />
      <Flex vertical gap={16}>
        {!preview && (
          <>
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              市局（县局）在暖警台账里「开通派出所」后，会用 U 盘当面交给您一个开通文件（文件名以 <Typography.Text code>.njsetup</Typography.Text>{' '}
              结尾）。用它设置，单位代码、名称和上级单位都从文件读取，并自动登记上级单位的密钥，之后即可与市局交换同步文件。
            </Typography.Paragraph>
            <Button type="primary" size="large" block icon={<FileProtectOutlined />} loading={busy === 'reading'} onClick={() => void pick()}>
              选择开通文件
            </Button>
          </>
        )}
        {preview && (
          <>
            <Descriptions
              bordered
              size="small"
              column={1}
              data-testid="setup-file-preview"
              items={[
                { key: 'station', label: '本单位', children: <Typography.Text strong>{preview.stationName}</Typography.Text> },
                { key: 'code', label: '单位代码', children: preview.stationCode },
                { key: 'bureau', label: '上级单位', children: `${preview.bureauName}（${preview.bureauCode}）` },
                { key: 'fp', label: '上级密钥指纹', children: <Typography.Text code>{groupFingerprint(preview.bureauFingerprint)}</Typography.Text> },
              ]}
            />
            <Alert type="info" showIcon title="请打电话与市局核对上面的密钥指纹，一致后再确认。" description="开通文件只能使用一次；设置完成后请妥善保管或销毁 U 盘上的这个文件。" />
            <Flex vertical gap={4}>
              <label htmlFor="setup-file-operator">经办人（选填）</label>
              <Input id="setup-file-operator" placeholder="例如：王丽" maxLength={20} value={operatorName} onChange={(e) => setOperatorName(e.target.value)} />
            </Flex>
          </>
        )}
        {error && <Alert type="error" showIcon title={error} />}
        {preview && (
          <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
            <Button onClick={() => void pick()} disabled={busy === 'saving'}>
              重新选择
            </Button>
            <Button type="primary" size="large" loading={busy === 'saving'} onClick={() => void confirm()}>
              确认并完成设置
            </Button>
          </Space>
        )}
      </Flex>
    </>
  );
}

/** First run: the clerk names the unit this PC keeps the ledger for, by hand or from the bureau's setup file. */
export function SetupWizard() {
  const [way, setWay] = useState<SetupWay>('manual');
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f3f5f9' }}>
      <Card style={{ width: 620 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          欢迎使用暖警台账
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          第一次使用，请先设置本机所属单位。设置后，人员、健康、休假、慰问等记录都归属这个单位；数据只保存在本机，通过 U 盘同步文件与市局交换。
        </Typography.Paragraph>
        <Segmented<SetupWay>
          block
          value={way}
          onChange={setWay}
          style={{ marginBottom: 20 }}
          options={[
            { value: 'manual', label: '填写单位信息' },
            { value: 'file', label: '使用市局发放的开通文件' },
          ]}
        />
        {way === 'manual' ? <ManualSetupForm /> : <SetupFromFilePanel />}
      </Card>
    </div>
  );
}
