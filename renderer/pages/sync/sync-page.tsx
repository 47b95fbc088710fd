import { useEffect } from 'react';
import { Alert, Badge, Button, Card, Flex, Spin, Tabs, Typography } from 'antd';
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

/**
 * 数据同步: a station exchanges USB files with its bureau; a bureau with all its stations. Below,
 * the history of every file and the conflicts to review.
 */
export function SyncPage() {
  const client = useClient();
  const { info, status, history, conflicts, showResolved, loading, error, loadSync } = useAppStore(
    useShallow((s) => ({
      info: s.info,
      status: s.syncStatus,
      history: s.syncHistory,
      conflicts: s.syncConflicts,
      showResolved: s.syncShowResolved,
      loading: s.syncLoading,
      error: s.syncError,
      loadSync: s.loadSync,
    })),
  );
  const isBureau = info?.station?.role === 'bureau';
  const { exporting, exportFor, exportAll } = useBundleExport();
  const { pickAndCheck } = useBundleImport(isBureau);

  useEffect(() => {
    void loadSync(client);
  }, [client, loadSync]);

  if (!status) {
    if (error)
      return (
        <Alert
          type="error"
          showIcon
          title="读取同步状态失败"
          description={error}
          action={
            <Button size="small" onClick={() => void loadSync(client)}>
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
          defaultActiveKey={openConflicts > 0 ? 'conflicts' : 'history'}
          tabBarExtraContent={
            <Flex align="center" gap={8}>
              {isBureau && !status.parent && (
                <Typography.Text type="secondary">
                  向更上一级报送？
                  <JoinParentButton />
                </Typography.Text>
              )}
              <Button type="text" icon={<ReloadOutlined />} loading={loading} onClick={() => void loadSync(client)}>
                刷新
              </Button>
            </Flex>
          }
          items={[
            { key: 'history', label: '同步记录', children: <HistoryTab history={history} receiverName={receiverName} loading={loading && history.length === 0} /> },
            {
              key: 'conflicts',
              label: (
                <Badge count={openConflicts} size="small" offset={[8, -2]} data-testid="sync-conflict-badge">
                  冲突
                </Badge>
              ),
              children: <ConflictsTab conflicts={conflicts} showResolved={showResolved} loading={loading && conflicts.length === 0} ownCode={status.stationCode} />,
            },
          ]}
        />
      </Card>
      <ImportModal receiverName={receiverName} />
    </Flex>
  );
}
