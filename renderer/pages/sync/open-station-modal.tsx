import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Radio, Result, Typography } from 'antd';
import { stationCodeSchema, stationNameSchema } from '../../../shared/contract/app-contract';
import { usePlatform } from '../../api/client-context';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';
import { setupFileFilters, setupFileNameOf } from './sync-format';

interface OpenStationValues {
  code: string;
  name: string;
  role: 'station' | 'bureau';
}

const handOverNote = '开通文件只能交接一次：请拷贝到 U 盘，当面交给该单位的干事，由其在暖警台账首次设置时选择「使用市局发放的开通文件」。不要通过微信、邮件或网盘传送；重新生成后，旧的开通文件立即作废。';

/** Saves a freshly issued setup file; false when the clerk cancelled the save dialog. */
export function useSaveSetupFile() {
  const { files } = usePlatform();
  return async (code: string, bytesBase64: string): Promise<boolean> => (await files.save(setupFileNameOf(code), bytesBase64, setupFileFilters)).saved;
}

/** 开通派出所: code, name and type → a one-time setup file to hand over by hand. */
export function OpenStationModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { client } = usePlatform();
  const { message } = App.useApp();
  const openSyncStation = useAppStore((s) => s.openSyncStation);
  const saveSetupFile = useSaveSetupFile();
  const [form] = Form.useForm<OpenStationValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ code: string; name: string; saved: boolean } | null>(null);

  function close() {
    form.resetFields();
    setError(null);
    setIssued(null);
    onClose();
  }

  async function submit(values: OpenStationValues) {
    setBusy(true);
    setError(null);
    try {
      const file = await openSyncStation(client, values);
      const saved = await saveSetupFile(values.code.trim(), file.bytesBase64);
      setIssued({ code: values.code.trim(), name: values.name.trim(), saved });
      if (!saved) message.warning('没有保存开通文件。刚生成的文件已取代以前的开通文件，请重新生成并保存。');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title="开通派出所"
      width={560}
      onCancel={close}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        issued
          ? [
              <Button key="done" type="primary" onClick={close}>
                完成
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                取消
              </Button>,
              <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()}>
                生成开通文件
              </Button>,
            ]
      }
    >
      {issued ? (
        <Result
          status={issued.saved ? 'success' : 'warning'}
          title={issued.saved ? `已生成「${issued.name}」的开通文件` : '开通文件没有保存'}
          subTitle={issued.saved ? `文件名：${setupFileNameOf(issued.code)}` : '请关闭后重新生成。'}
          extra={<Alert type="warning" showIcon title="请当面交接" description={handOverNote} style={{ textAlign: 'left' }} />}
        />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ role: 'station' }} onFinish={(v) => void submit(v)} style={{ marginTop: 12 }}>
          <Form.Item label="单位代码" name="code" rules={[zodFieldRule(stationCodeSchema)]} extra="由市局统一编排，例如 330102-01">
            <Input placeholder="330102-01" autoFocus />
          </Form.Item>
          <Form.Item label="单位名称" name="name" rules={[zodFieldRule(stationNameSchema)]}>
            <Input placeholder="例如：北山派出所" />
          </Form.Item>
          <Form.Item label="类型" name="role">
            <Radio.Group
              options={[
                { value: 'station', label: '派出所' },
                { value: 'bureau', label: '县局（下面还有派出所）' },
              ]}
            />
          </Form.Item>
          <Typography.Paragraph type="secondary">{handOverNote}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} />}
        </Form>
      )}
    </Modal>
  );
}
