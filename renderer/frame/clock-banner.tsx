import { useState } from 'react';
import { Alert, App, Button, Flex, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useClient } from '../api/client-context';
import { useAppStore } from '../stores/store-context';

/**
 * Above every page while this PC's date looks wrong (the ledger holds edits dated after now, so
 * every save is refused): the message, and 「以电脑当前时间为准」 for a PC whose date was wrong once
 * and is right now — it re-dates this PC's wrong-dated edits to now, values unchanged.
 */
export function ClockBanner() {
  const client = useClient();
  const { modal, message } = App.useApp();
  const status = useAppStore((s) => s.clockStatus);
  const repairClock = useAppStore((s) => s.repairClock);
  const [repairing, setRepairing] = useState(false);
  if (!status || status.ok) return null;

  async function repair() {
    setRepairing(true);
    try {
      const { redated, clock } = await repairClock(client);
      if (clock.ok) {
        // Refusals shown before the repair no longer apply.
        message.destroy();
        message.success({
          content:
            redated > 0
              ? `已以电脑当前时间为准：本机以前在错误日期下做的 ${redated} 项修改已改记为现在的时间（内容不变），现在可以正常保存和同步了。`
              : '已以电脑当前时间为准，现在可以正常保存和同步了。',
          duration: 10,
        });
      } else {
        message.warning({ content: clock.message ?? '电脑日期仍然不对，请核对电脑日期后重新打开暖警台账。', duration: 10 });
      }
    } catch (error) {
      message.error({ content: (error as Error).message, duration: 10 });
    } finally {
      setRepairing(false);
    }
  }

  function confirmRepair() {
    if (!status) return;
    modal.confirm({
      title: '以电脑当前时间为准？',
      width: 520,
      icon: <ClockCircleOutlined style={{ color: '#faad14' }} />,
      content: (
        <Flex vertical gap={8}>
          <Typography.Text>
            请先看电脑右下角的日期和时间。
            <Typography.Text strong>只有电脑现在的日期是对的</Typography.Text>（现在是 {status.pcTime}）才这样做。
          </Typography.Text>
          <Typography.Text>
            本机以前在错误日期下做的 {status.futureChanges} 项修改（最晚记为 {status.ledgerTime}）将改记为现在的时间，内容不变；之后可以正常保存，下次同步时会告知对方。
          </Typography.Text>
          <Typography.Text type="danger">如果电脑现在的日期不对，请不要点这里：先改正电脑的日期和时间，再重新打开暖警台账即可。</Typography.Text>
        </Flex>
      ),
      okText: '以电脑当前时间为准',
      cancelText: '取消',
      onOk: () => repair(),
    });
  }

  return (
    <Alert
      banner
      type="error"
      showIcon
      icon={<ClockCircleOutlined />}
      data-testid="clock-banner"
      style={{ padding: '10px 24px' }}
      title={<Typography.Text strong>电脑日期可能不对，暂时不能保存修改</Typography.Text>}
      description={
        <span>
          本机电脑现在是 {status.pcTime}，但台账里已有 {status.ledgerTime} 的修改，晚了 {status.aheadDays} 天；为免新修改被错误的时间顺序覆盖，暂不保存。
          {'请核对电脑右下角的日期：如果现在的日期不对，请改正后重新打开暖警台账；如果现在的日期是对的（以前曾经设错过），请点右边的「以电脑当前时间为准」。'}
        </span>
      }
      action={
        <Button type="primary" danger loading={repairing} onClick={confirmRepair}>
          以电脑当前时间为准
        </Button>
      }
    />
  );
}
