import { Alert, Flex, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { BundleImportSummary } from '../../../shared/sync-record';
import { groupFingerprint } from './sync-format';

/**
 * A new unit's first bundle registers its keys. Before importing, the clerk compares the key
 * fingerprint in the file with the one the other unit's clerk reads out on the phone (their
 * 数据同步 page shows it as 本机密钥指纹): a file made by anyone else would show another one.
 */
export function RegistrantFingerprint({ registrant, dryRun }: { registrant: NonNullable<BundleImportSummary['registrant']>; dryRun: boolean }) {
  const fingerprint = (
    <Typography.Text code strong style={{ fontSize: 18, letterSpacing: 1 }} data-testid="sync-registrant-fingerprint">
      {groupFingerprint(registrant.fingerprint)}
    </Typography.Text>
  );
  if (!dryRun) {
    return (
      <Alert
        type="success"
        showIcon
        icon={<SafetyCertificateOutlined />}
        title={
          <span>
            已登记「{registrant.name}」（{registrant.code}）的密钥，指纹 {fingerprint}
          </span>
        }
        description="以后只接受用这把密钥签名的同步文件。"
      />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      icon={<SafetyCertificateOutlined />}
      data-testid="sync-registrant"
      title={
        <Flex wrap align="center" gap={4}>
          <span>首次报送：请与对方电话核对密钥指纹</span>
          {fingerprint}
          <span>后再导入</span>
        </Flex>
      }
      description={
        <span>
          这是「{registrant.name}」（{registrant.code}）的第一个同步文件，导入后将登记这把密钥。请打电话给该单位的干事，请对方读出其「数据同步」页上的「本机密钥指纹」：
          与上面完全一致才点「确认导入」；不一致说明文件不是对方电脑生成的，请点「取消」，不要导入，并报告信息通信部门。
        </span>
      }
    />
  );
}
