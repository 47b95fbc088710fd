import { useCallback, useEffect, useState } from 'react';
import { Alert, Tag } from 'antd';
import type { VisitItem } from '../../../shared/visit-record';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { PersonRecordsTab } from '../staff/person-records-tab';
import { visitAmountText } from './visit-labels';
import { VisitFormDialog } from './visit-form-dialog';

/**
 * 慰问: the visits the person (and their family through them) received, newest first, recorded and
 * edited here; read through `visits.person`. `version` (the open person's detail) changes after
 * every save, so it reloads.
 */
export function PersonVisitsTab({ staffId, version, readOnly }: { staffId: string; version: unknown; readOnly: boolean }) {
  const client = useClient();
  const deletePersonRecord = useAppStore((s) => s.deletePersonRecord);
  const [visits, setVisits] = useState<VisitItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    client.call('visits.person', { staffId }).then(
      (v) => {
        setVisits(v);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [client, staffId]);
  useEffect(load, [load, version]);
  return (
    <>
      {error && <Alert type="error" showIcon title={error} />}
      <PersonRecordsTab<VisitItem>
        saveMethod="visits.save"
        records={visits}
        readOnly={readOnly}
        addLabel="登记慰问"
        emptyText="还没有慰问记录"
        testId="person-visits"
        describe={(v) => `${v.date} 的${v.kind}`}
        remove={(v) => deletePersonRecord(client, 'visits', v.id)}
        dialog={(editing, close) => <VisitFormDialog visit={editing} staffId={staffId} onClose={close} />}
        columns={[
          { title: '日期', dataIndex: 'date', width: 100 },
          { title: '类型', dataIndex: 'kind', width: 120, render: (kind: string, v) => (v.recipient ? `${kind}（${v.recipient}）` : kind) },
          { title: '金额/物品', key: 'amount', render: (_, v) => visitAmountText(v) },
          { title: '事件', dataIndex: 'eventLabel', width: 120 },
          { title: '签领', dataIndex: 'receiptSigned', width: 64, render: (signed: boolean) => (signed ? <Tag color="green">已签</Tag> : <Tag>未签</Tag>) },
        ]}
      />
    </>
  );
}
