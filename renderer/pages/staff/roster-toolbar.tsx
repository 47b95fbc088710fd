import { Button, Flex, Input, Select, Space, Typography } from 'antd';
import { DownloadOutlined, ExportOutlined, ImportOutlined, PlusOutlined, PrinterOutlined, SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { PermittedAction } from '../../frame/call-permission';
import { staffCategories, staffStatuses, type RosterFilter } from '../../../shared/staff-record';
import { flagLabels, type RosterFlag } from './staff-labels';

export interface RosterToolbarProps {
  filter: RosterFilter;
  onFilterChange(patch: Partial<RosterFilter>): void;
  onReset(): void;
  /** Whether the filter differs from the default view (shows 重置). */
  filtered: boolean;
  positions: string[];
  /** The stations the roster spans (code and name); the 所属单位 filter shows when there are several. */
  stations: { code: string; name: string }[];
  count: number;
  total: number;
  exporting: boolean;
  downloadingTemplate: boolean;
  /** Enter in the search box: opens the person when exactly one matches. */
  onSearchEnter(): void;
  onAdd(): void;
  onImport(): void;
  onDownloadTemplate(): void;
  onExport(): void;
  /** 打印花名册: the roster as filtered, on A4 landscape. */
  onPrint(): void;
}

const flagOptions = (Object.keys(flagLabels) as RosterFlag[]).map((flag) => ({ value: flag, label: flagLabels[flag] }));

interface MultiFilterProps<V extends string> {
  /** The field's name, read out to screen readers; also the prefix unless one is given. */
  label: string;
  prefix?: string;
  placeholder?: string;
  minWidth?: number;
  searchable?: boolean;
  notFoundContent?: string;
  value: V[] | undefined;
  onChange(value: V[]): void;
  options: { value: V; label: string }[];
}

/** One of the roster's multiple-choice filters: 类别, 状态, 岗位, 标记, 所属单位. */
function MultiFilter<V extends string>({ label, prefix, placeholder = '全部', minWidth = 170, searchable, notFoundContent, value, onChange, options }: MultiFilterProps<V>) {
  return (
    <Select<V[]>
      aria-label={label}
      prefix={prefix ?? label}
      mode="multiple"
      allowClear
      showSearch={searchable ? { optionFilterProp: 'label' } : undefined}
      placeholder={placeholder}
      style={{ minWidth }}
      maxTagCount="responsive"
      value={value ?? []}
      onChange={onChange}
      options={options}
      notFoundContent={notFoundContent}
    />
  );
}

/** The roster's one search box, its filters, the count and the Excel buttons. */
export function RosterToolbar(props: RosterToolbarProps) {
  const { filter, onFilterChange } = props;
  return (
    <Flex vertical gap={10}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Input
          aria-label="搜索人员"
          placeholder="姓名 / 拼音首字母 / 身份证号 / 警号"
          prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
          allowClear
          autoFocus
          style={{ width: 340 }}
          value={filter.search ?? ''}
          onChange={(e) => onFilterChange({ search: e.target.value })}
          onPressEnter={props.onSearchEnter}
        />
        <Space wrap size={8}>
          <PermittedAction method="staff.save">
            <Button type="primary" icon={<PlusOutlined />} onClick={props.onAdd}>
              新增人员
            </Button>
          </PermittedAction>
          <PermittedAction method="roster.importCommit">
            <Button icon={<ImportOutlined />} onClick={props.onImport}>
              导入 Excel
            </Button>
          </PermittedAction>
          <Button icon={<DownloadOutlined />} loading={props.downloadingTemplate} onClick={props.onDownloadTemplate}>
            下载导入模板
          </Button>
          <Button icon={<ExportOutlined />} loading={props.exporting} onClick={props.onExport}>
            导出 Excel
          </Button>
          <Button icon={<PrinterOutlined />} disabled={props.count === 0} onClick={props.onPrint}>
            打印花名册
          </Button>
        </Space>
      </Flex>
      <Flex align="center" gap={8} wrap>
        {props.stations.length > 1 && (
          <MultiFilter
            label="所属单位"
            prefix="单位"
            searchable
            minWidth={190}
            value={filter.stationCodes}
            onChange={(stationCodes) => onFilterChange({ stationCodes })}
            options={props.stations.map((s) => ({ value: s.code, label: s.name }))}
          />
        )}
        <MultiFilter label="类别" value={filter.categories} onChange={(categories) => onFilterChange({ categories })} options={staffCategories.map((c) => ({ value: c, label: c }))} />
        <MultiFilter label="状态" value={filter.statuses} onChange={(statuses) => onFilterChange({ statuses })} options={staffStatuses.map((s) => ({ value: s, label: s }))} />
        <MultiFilter
          label="岗位"
          value={filter.positions}
          onChange={(positions) => onFilterChange({ positions })}
          options={props.positions.map((p) => ({ value: p, label: p }))}
          notFoundContent="名单中还没有岗位"
        />
        <MultiFilter label="标记" placeholder="不限" minWidth={190} value={filter.flags} onChange={(flags) => onFilterChange({ flags })} options={flagOptions} />
        {props.filtered && (
          <Button type="link" icon={<UndoOutlined />} onClick={props.onReset} style={{ paddingInline: 4 }}>
            重置筛选
          </Button>
        )}
        <Space size={4} style={{ marginLeft: 'auto' }}>
          <Typography.Text strong data-testid="roster-count">{`共 ${props.count} 人`}</Typography.Text>
          {props.count !== props.total && <Typography.Text type="secondary">{`（名单共 ${props.total} 人）`}</Typography.Text>}
        </Space>
      </Flex>
    </Flex>
  );
}
