import { useCallback, useEffect, useRef } from 'react';
import { Alert, App, Badge, Button, Card, Flex, Spin, Tabs, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useShallow } from 'zustand/react/shallow';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { ConflictsTab } from './conflicts-tab';
import { HistoryTab } from './history-tab';
import { ImportModal } from './import-modal';
import { JoinParentButton } from './join-parent';
import { NoParentCard } from './no-parent-card';
import { ParentCard } from './parent-card';
import { StationsCard } from './stations-card';
import { useBundleExport, useBundleImport } from './use-sync-files';
import { WithheldTab } from './withheld-tab';

/**
 * 数据同步: a station exchanges USB files with its bureau; a bureau with all its stations. Below,
 * the history of every file, the conflicts and the changes not imported (未导入的修改) to review.
 */
export function SyncPage() {
  const client = useClient();
  const { message } = App.useApp();
  const { info, status, history, conflicts, withheld, showResolved, loading, error, openSync } = useAppStore(
    useShallow((s) => ({
      info: s.info,
      status: s.syncStatus,
      history: s.syncHistory,
      conflicts: s.syncConflicts,
      withheld: s.syncWithheld,
      showResolved: s.syncShowResolved,
      loading: s.syncLoading,
      error: s.syncError,
      openSync: s.openSync,
    })),
  );
  const isBureau = info?.station?.role === 'bureau';
  const { exporting, exportFor, exportAll } = useBundleExport();
  const { pickAndCheck } = useBundleImport(isBureau);

  // Opening (or refreshing) the page applies held changes whose time has come, then loads everything.
  const messageRef = useRef(message);
  messageRef.current = message;
  const refresh = useCallback(async () => {
    const released = await openSync(client);
    if (released > 0) messageRef.current.success({ content: `有 ${released} 项暂缓的修改已到修改时间，已自动导入。`, duration: 8 });
  }, [client, openSync]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!status) {
    if (error)
      return (
        <Alert
          type="error"
          showIcon
          title="读取同步状态失败"
          description={error}
          action={
            <Button size="small" onClick={() => void refresh()}>
              重试
            </Button>
          }
        />
      );
    return (
      <Card>
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin description="正在读取同步状态…" />
        </Flex>
      </Card>
    );
  }

  const receiverName = info?.station?.name ?? status.stationName;
  const nameOf = (code: string) => status.children.find((c) => c.code === code)?.name ?? status.parent?.name ?? code;
  const openConflicts = status.openConflicts;
  const openWithheld = status.withheldRejected + status.withheldHeld;

  return (
    <Flex vertical gap={16} data-testid="sync-page">
      {error && <Alert type="error" showIcon closable title={error} />}
      {status.parent ? (
        <ParentCard
          status={status}
          parent={status.parent}
          exporting={exporting === status.parent.code}
          onExport={() => status.parent && void exportFor(status.parent.code, status.parent.name)}
          onImport={() => void pickAndCheck()}
        />
      ) : (
        !isBureau && <NoParentCard stationCode={status.stationCode} stationName={status.stationName} />
      )}
      {isBureau && (
        <StationsCard
          status={status}
          exporting={exporting}
          onExport={(peer) => void exportFor(peer.code, peer.name)}
          onExportAll={() => void exportAll(nameOf)}
          onImport={() => void pickAndCheck()}
        />
      )}
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          defaultActiveKey={openConflicts > 0 ? 'conflicts' : openWithheld > 0 ? 'withheld' : 'history'}
          tabBarExtraContent={
            <Flex align="center" gap={8}>
              {isBureau && !status.parent && (
                <Typography.Text type="secondary">
                  向更上一级报送？
                  <JoinParentButton />
                </Typography.Text>
              )}
              <Button type="text" icon={<ReloadOutlined />} loading={loading} onClick={() => void refresh()}>
                刷新
              </Button>
            </Flex>
          }
          items={[
            { key: 'history', label: '同步记录', children: <HistoryTab history={history} receiverName={receiverName} loading={loading && history.length === 0} /> },
            {
              key: 'conflicts',
              label: (
                <Flex align="center" gap={6}>
                  冲突
                  <Badge count={openConflicts} size="small" data-testid="sync-conflict-badge" />
                </Flex>
              ),
              children: <ConflictsTab conflicts={conflicts} showResolved={showResolved} loading={loading && conflicts.length === 0} ownCode={status.stationCode} />,
            },
            {
              key: 'withheld',
              label: (
                <Flex align="center" gap={6}>
                  未导入的修改
                  <Badge count={openWithheld} size="small" data-testid="sync-withheld-badge" />
                </Flex>
              ),
              children: <WithheldTab withheld={withheld} loading={loading && withheld.length === 0} />,
            },
          ]}
        />
      </Card>
      <ImportModal receiverName={receiverName} />
    </Flex>
  );
}
