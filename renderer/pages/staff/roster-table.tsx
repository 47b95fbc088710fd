import { useMemo } from 'react';
import { Grid, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { retirementTagOn } from '../../../shared/person-derivations';
import type { StaffListItem } from '../../../shared/staff-record';
import { categoryColors, flagColors, flagsOf, retirementTagColors, statusColors } from './staff-labels';

export interface RosterTableProps {
  rows: StaffListItem[];
  loading: boolean;
  /** The table body's fixed height in pixels (the table is virtualised). */
  height: number;
  /** At a bureau the roster spans stations: show 所属单位. */
  showStation: boolean;
  selectedId: string | null;
  onOpen(id: string): void;
  emptyText: string;
  /** Today in China, `YYYY-MM-DD`: for the 已到退休年龄 / 一年内退休 tags. */
  today: string;
}

/** The narrowest the 标记 column gets (two tags a line). */
const FLAGS_MIN_WIDTH = 140;

const byText = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '', 'zh-CN');

/** 工龄 is unknown without 参加工作时间 (the list item then says 0; the detail asks for the date). */
export function workYearsKnown(item: Pick<StaffListItem, 'workStartDate'>): boolean {
  return item.workStartDate !== null;
}

/** Sorts unknown 工龄 below 0 years. */
const workYearsKey = (item: StaffListItem) => (workYearsKnown(item) ? item.workYears : -1);

/** The roster: virtualised, so 5,000 people scroll as smoothly as 50. A click opens the person. */
export function RosterTable({ rows, loading, height, showStation, selectedId, onOpen, emptyText, today }: RosterTableProps) {
  // Below 1200 px (xl) a bureau's roster, which adds 所属单位, leaves out 性别 and 警号/编号 (both in
  // the person's drawer), so that every column up to 标记 fits a 1024 px screen without scrolling.
  const roomy = Grid.useBreakpoint().xl ?? true;
  const columns = useMemo<TableColumnsType<StaffListItem>>(() => {
    const list: TableColumnsType<StaffListItem> = [
      {
        title: '姓名',
        dataIndex: 'name',
        key: 'name',
        width: 96,
        fixed: 'left',
        sorter: (a, b) => byText(a.namePinyin, b.namePinyin),
        render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
      },
      {
        title: '类别',
        dataIndex: 'category',
        key: 'category',
        width: 68,
        render: (c: StaffListItem['category']) => (
          <Tag color={categoryColors[c]} variant="filled" style={{ marginInlineEnd: 0 }}>
            {c}
          </Tag>
        ),
      },
      { title: '性别', dataIndex: 'gender', key: 'gender', width: 56, align: 'center' },
      { title: '年龄', dataIndex: 'age', key: 'age', width: 64, align: 'right', sorter: (a, b) => a.age - b.age },
      { title: '警号/编号', dataIndex: 'badgeNo', key: 'badgeNo', width: 92, render: (v: string | null) => v ?? '' },
      {
        title: '岗位',
        dataIndex: 'position',
        key: 'position',
        width: 100,
        ellipsis: true,
        sorter: (a, b) => byText(a.position, b.position),
        render: (v: string | null) => v ?? '',
      },
      {
        title: '工龄',
        dataIndex: 'workYears',
        key: 'workYears',
        width: 64,
        align: 'right',
        sorter: (a, b) => workYearsKey(a) - workYearsKey(b),
        render: (years: number, item) =>
          workYearsKnown(item) ? years : (
            <Typography.Text type="secondary" title="需先填参加工作时间">
              —
            </Typography.Text>
          ),
      },
      {
        title: '预计退休',
        dataIndex: 'expectedRetirementDate',
        key: 'expectedRetirementDate',
        width: 108,
        sorter: (a, b) => byText(a.expectedRetirementDate, b.expectedRetirementDate),
      },
      {
        title: '状态',
        dataIndex: 'status',
        key: 'status',
        width: 84,
        render: (s: StaffListItem['status']) => (
          <Tag color={statusColors[s]} style={{ marginInlineEnd: 0 }}>
            {s}
          </Tag>
        ),
      },
      {
        // The rest of the width: at 1024 px the tags wrap to a second line instead of being cut off.
        title: '标记',
        key: 'flags',
        render: (_, item) => {
          const retirement = retirementTagOn(item.status, item.expectedRetirementDate, today);
          return (
          <span style={{ display: 'flex', flexWrap: 'wrap', rowGap: 2 }}>
            {retirement && (
              <Tag color={retirementTagColors[retirement]} style={{ marginInlineEnd: 4, paddingInline: 5, fontSize: 12 }}>
                {retirement}
              </Tag>
            )}
            {flagsOf(item).map((f) => (
              <Tag key={f.flag} color={flagColors[f.flag]} variant="filled" style={{ marginInlineEnd: 4, paddingInline: 5, fontSize: 12 }}>
                {f.label}
              </Tag>
            ))}
          </span>
          );
        },
      },
    ];
    if (showStation) {
      list.splice(1, 0, {
        title: '所属单位',
        dataIndex: 'stationName',
        key: 'stationName',
        width: 140,
        ellipsis: true,
        sorter: (a, b) => byText(a.stationName, b.stationName),
        render: (v: string | null) => v ?? '',
      });
      if (!roomy) return list.filter((column) => column.key !== 'gender' && column.key !== 'badgeNo');
    }
    return list;
  }, [showStation, today, roomy]);

  // The 标记 column takes what is left, at least FLAGS_MIN_WIDTH: the table scrolls sideways only when
  // even that does not fit (a bureau's roster, with 所属单位, on a 1024 px screen).
  const scrollX = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), 0) + FLAGS_MIN_WIDTH;

  return (
    <Table<StaffListItem>
      virtual
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: scrollX, y: height }}
      locale={{ emptyText }}
      rowClassName={(item) => (item.id === selectedId ? 'roster-row-selected' : item.status === '在职' ? '' : 'roster-row-inactive')}
      onRow={(item) => ({ onClick: () => onOpen(item.id), style: { cursor: 'pointer' } })}
    />
  );
}
