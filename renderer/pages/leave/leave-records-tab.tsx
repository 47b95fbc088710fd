import { useMemo, useState } from 'react';
import { App, Button, Card, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useShallow } from 'zustand/react/shallow';
import { PermittedAction, useMayCall } from '../../frame/call-permission';
import { describeLeaveDates, leaveStatuses, leaveTypes, type LeaveItem } from '../../../shared/leave-record';
import { usePlatform } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { RowActions } from '../staff/row-actions';
import { excelFileFilter } from '../staff/staff-labels';
import { LeaveFormDialog } from './leave-form-dialog';
import { LeaveImportDialog } from './leave-import-dialog';
import { leaveDaysText, leaveStatusColors } from './leave-labels';

/** 请休假: the leave with its filters (year, month, kind, status, person), add / edit / delete, Excel out and in. */
export function LeaveRecordsTab() {
  const { client, files } = usePlatform();
  const { message } = App.useApp();
  const { list, loading, filter, setFilter, today, roster, openStaff, isBureau, refreshLeaveFor } = useAppStore(
    useShallow((s) => ({
      list: s.leaveList,
      loading: s.leaveLoading,
      filter: s.leaveFilter,
      setFilter: s.setLeaveFilter,
      today: s.info?.today ?? '',
      roster: s.roster,
      openStaff: s.openStaff,
      isBureau: s.info?.station?.role === 'bureau',
      refreshLeaveFor: s.refreshLeaveFor,
    })),
  );
  const [editing, setEditing] = useState<LeaveItem | null | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  // A 查看 account has no row actions: no empty 操作 column either.
  const maySave = useMayCall('leave.save');
  const mayConfirm = useMayCall('leave.confirmTrip');
  const mayAct = maySave || (isBureau && mayConfirm);
  const thisYear = Number(today.slice(0, 4)) || new Date().getFullYear();
  const years = useMemo(() => Array.from({ length: 5 }, (_, i) => thisYear + 1 - i), [thisYear]);
  const people = useMemo(() => roster.map((p) => ({ value: p.id, label: p.name })), [roster]);

  async function exportList() {
    try {
      const file = await client.call('leave.export', { ...filter, year: filter.year ?? thisYear });
      const result = await files.save(file.fileName, file.bytesBase64, excelFileFilter);
      if (result.saved) message.success(`已导出 ${file.rowCount ?? 0} 条休假记录`);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  async function remove(leave: LeaveItem) {
    try {
      await client.call('leave.delete', { id: leave.id });
      await refreshLeaveFor(client, { tables: ['leave_record'], rowIds: { leave_record: [leave.id] } });
      message.success(`已删除${leave.staffName}的${leave.type}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  async function confirmTrip(leave: LeaveItem) {
    try {
      await client.call('leave.confirmTrip', { id: leave.id });
      await refreshLeaveFor(client, { tables: ['leave_record'], rowIds: { leave_record: [leave.id] } });
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  const totalDays = (list ?? []).filter((l) => l.status !== '取消').reduce((sum, l) => sum + l.days, 0);
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" wrap gap={8}>
          <Space wrap>
            <Select aria-label="年度" style={{ width: 100 }} value={filter.year ?? thisYear} onChange={(year) => void setFilter(client, { year })} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
            <Select aria-label="月份" allowClear placeholder="全年" style={{ width: 90 }} value={filter.month} onChange={(month) => void setFilter(client, { month })} options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` }))} />
            <Select aria-label="假别" allowClear placeholder="全部假别" style={{ width: 120 }} value={filter.type} onChange={(type) => void setFilter(client, { type })} options={leaveTypes.map((value) => ({ value, label: value }))} />
            <Select aria-label="状态" allowClear placeholder="全部状态" style={{ width: 100 }} value={filter.status} onChange={(status) => void setFilter(client, { status })} options={leaveStatuses.map((value) => ({ value, label: value }))} />
            <Select aria-label="人员" allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="全部人员" style={{ width: 130 }} value={filter.staffId} onChange={(staffId) => void setFilter(client, { staffId })} options={people} />
          </Space>
          <Space wrap>
            <PermittedAction method="leave.importCommit">
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                导入 Excel
              </Button>
            </PermittedAction>
            <Button icon={<DownloadOutlined />} onClick={() => void exportList()}>
              导出 Excel
            </Button>
            <PermittedAction method="leave.save">
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
                登记休假
              </Button>
            </PermittedAction>
          </Space>
        </Flex>
      </Card>
      <Card size="small">
        <Table<LeaveItem>
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={list ?? []}
          pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 条，${totalDays} 天（不含已取消）` }}
          data-testid="leave-list"
          columns={[
            { title: '姓名', dataIndex: 'staffName', width: 90, render: (name: string, l) => <a onClick={() => void openStaff(client, l.staffId)}>{name}</a> },
            ...(isBureau ? [{ title: '单位', dataIndex: 'stationName', width: 120 }] : []),
            { title: '假别', dataIndex: 'type', width: 90 },
            { title: '日期', key: 'dates', width: 230, render: (_, l) => describeLeaveDates(l) },
            { title: '天数', dataIndex: 'days', width: 90, render: (_: number, l) => leaveDaysText(l) },
            { title: '状态', dataIndex: 'status', width: 70, render: (status: LeaveItem['status']) => <Tag color={leaveStatusColors[status]}>{status}</Tag> },
            { title: '审批人', dataIndex: 'approver', width: 100 },
            {
              title: '说明',
              key: 'notes',
              render: (_, l) => (
                <Space size={4} wrap>
                  {l.reason}
                  {l.trip && <Tag color={l.bureauConfirmed ? 'green' : 'orange'}>{`${l.trip}${l.bureauConfirmed ? '（市局已确认）' : '（待市局确认）'}`}</Tag>}
                  {l.strengthConfirm && <Typography.Text type="warning">{`低于最低在岗警力：${l.strengthConfirm}`}</Typography.Text>}
                </Space>
              ),
            },
            ...(mayAct ? [{
              title: '操作',
              key: 'actions',
              width: 130,
              render: (_: unknown, l: LeaveItem) => (
                <Space size={0}>
                  {isBureau && l.type === '疗休养' && !l.bureauConfirmed && (
                    <PermittedAction method="leave.confirmTrip" hide>
                      <Button type="link" size="small" onClick={() => void confirmTrip(l)}>
                        确认
                      </Button>
                    </PermittedAction>
                  )}
                  <RowActions method="leave.save" deleteWhat={`${l.staffName} ${describeLeaveDates(l)} 的${l.type}`} onEdit={() => setEditing(l)} onDelete={() => void remove(l)} />
                </Space>
              ),
            }] : []),
          ]}
        />
      </Card>
      <LeaveFormDialog leave={editing} onClose={() => setEditing(undefined)} />
      <LeaveImportDialog open={importing} onClose={() => setImporting(false)} />
    </Flex>
  );
}
