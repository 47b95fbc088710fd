import { Card, Flex, Steps, Typography } from 'antd';
import { JoinParentButton } from './join-parent';

/** A station set up by hand has no parent yet: how to get the bureau's setup file, and where to use it. */
export function NoParentCard({ stationCode, stationName }: { stationCode: string; stationName: string }) {
  return (
    <Card title="尚未登记上级单位" data-testid="sync-no-parent">
      <Flex vertical gap={16}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          本机还没有登记上级单位（市局或县局），所以还不能生成或导入同步文件。数据照常保存在本机，登记后第一次同步会把以前录入的全部记录一并报送。
        </Typography.Paragraph>
        <Steps
          orientation="vertical"
          size="small"
          current={0}
          items={[
            { title: '联系市局政工部门', content: `说明本单位名称「${stationName}」和单位代码 ${stationCode}。` },
            { title: '领取开通文件', content: '市局在暖警台账里「开通派出所」，生成本单位的开通文件（.njsetup），用 U 盘当面交给您。' },
            { title: '在本机登记', content: '点下面的按钮选择该文件，电话与市局核对密钥指纹，一致后确认。' },
          ]}
        />
        <div>
          <JoinParentButton primary label="选择开通文件并登记" />
        </div>
      </Flex>
    </Card>
  );
}
