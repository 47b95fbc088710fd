import { useEffect, useState } from 'react';
import { Alert, App, Drawer, Space, Tabs, Tag } from 'antd';
import { useShallow } from 'zustand/react/shallow';
import { useMayCall } from '../../frame/call-permission';
import type { StaffListItem } from '../../../shared/staff-record';
import { personDetailTabs, type PersonTableName } from '../../../shared/synced-table-catalog';
import { healthDetailTables } from '../../../shared/health-privacy';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { ChangeHistoryTab } from './change-history-tab';
import { personRecordTabs } from './person-record-tabs';
import { StaffBasicTab } from './staff-basic-tab';
import { StatusChangeDialog } from './status-change-dialog';
import { TransferDialog } from './transfer-dialog';
import { categoryColors, statusColors } from './staff-labels';

export interface StaffDetailDrawerProps {
  showStation: boolean;
  onEdit(person: StaffListItem): void;
}

/** One person's file: 基本信息, 家属, 表彰, 变更记录. Opens on the person selected in the roster. */
export function StaffDetailDrawer({ showStation, onEdit }: StaffDetailDrawerProps) {
  const client = useClient();
  const { message, modal } = App.useApp();
  const { selectedId, detail, history, loading, error, today, isBureau, childStations, closeStaff, deleteStaff, loadSyncStatus } = useAppStore(
    useShallow((s) => ({
      selectedId: s.selectedStaffId,
      detail: s.staffDetail,
      history: s.staffHistory,
      loading: s.detailLoading,
      error: s.detailError,
      today: s.info?.today ?? '',
      isBureau: s.info?.station?.role === 'bureau',
      childStations: s.syncStatus?.children,
      closeStaff: s.closeStaff,
      deleteStaff: s.deleteStaff,
      loadSyncStatus: s.loadSyncStatus,
    })),
  );
  const mayReadHealth = useMayCall('health.person');
  const [tab, setTab] = useState('basic');
  const [changingStatus, setChangingStatus] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const person = detail && detail.staff.id === selectedId ? detail.staff : null;
  // 调动 is the bureau's: for someone 在职 at one of its stations (not its own staff, not a station's view).
  const canTransfer =
    !person?.readOnlyNote &&
    isBureau && person !== null && person.status === '在职' && (childStations ?? []).some((peer) => peer.relation === 'child' && peer.code === person.stationCode);

  useEffect(() => {
    setTab('basic');
    setChangingStatus(false);
    setTransferring(false);
  }, [selectedId]);

  // A bureau needs its stations (sync status) to know whom it may transfer.
  useEffect(() => {
    if (isBureau && selectedId !== null && childStations === undefined) void loadSyncStatus(client);
  }, [isBureau, selectedId, childStations, client, loadSyncStatus]);

  function confirmDelete(p: StaffListItem) {
    modal.confirm({
      title: `删除「${p.name}」的档案？`,
      content: '删除只用于误录的人员，家属和表彰一并删除。退休、调出、离职等请用「变更状态」，人员仍保留在台账中。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await deleteStaff(client, p.id);
          message.success(`已删除「${p.name}」`);
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });
  }

  return (
    <Drawer
      open={selectedId !== null}
      onClose={closeStaff}
      size={840}
      loading={loading && !person}
      title={
        person ? (
          <Space size={8}>
            <span>{person.name}</span>
            <Tag color={categoryColors[person.category]} variant="filled">
              {person.category}
            </Tag>
            <Tag color={statusColors[person.status]}>{person.status}</Tag>
          </Space>
        ) : (
          '人员档案'
        )
      }
      styles={{ body: { paddingTop: 4 } }}
    >
      {error && <Alert type="error" showIcon title={error} />}
      {person && detail && (
        <>
          {person.readOnlyNote && <Alert type="info" showIcon title={person.readOnlyNote} style={{ marginTop: 8 }} data-testid="staff-read-only-note" />}
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'basic',
                label: '基本信息',
                children: (
                  <StaffBasicTab
                    detail={detail}
                    today={today}
                    showStation={showStation}
                    onEdit={() => onEdit(person)}
                    onChangeStatus={() => setChangingStatus(true)}
                    onTransfer={canTransfer ? () => setTransferring(true) : undefined}
                    onDelete={() => confirmDelete(person)}
                  />
                ),
              },
              // The person-record tabs, labelled and ordered by their tables' definitions.
              ...personDetailTabs().flatMap((definition) => {
                const tab = personRecordTabs[definition.name as PersonTableName];
                // 健康 only for a user with the 健康信息 permission (the calls refuse the others anyway).
                if (!tab || (!mayReadHealth && healthDetailTables.has(definition.name))) return [];
                const count = tab.count(detail);
                return [
                  {
                    key: definition.name,
                    label: count > 0 ? `${definition.detail.tab}（${count}）` : definition.detail.tab,
                    children: tab.render(detail, Boolean(person.readOnlyNote)),
                  },
                ];
              }),
              { key: 'history', label: '变更记录', children: <ChangeHistoryTab history={history} /> },
            ]}
          />
          <StatusChangeDialog person={person} open={changingStatus} onClose={() => setChangingStatus(false)} />
          {isBureau && <TransferDialog person={person} open={transferring} onClose={() => setTransferring(false)} />}
        </>
      )}
    </Drawer>
  );
}
