import { useEffect, useState } from 'react';
import { Alert, Card, Col, Flex, Row, Statistic } from 'antd';
import type { HealthSummary } from '../../../shared/health-record';
import { useClient } from '../../api/client-context';

/**
 * 健康管理 for a user without the 健康信息 permission: counts and levels only, no names or
 * diagnoses (个人信息保护法 Art. 28) — the same figures as 工作台 and the monthly report.
 */
export function HealthCountsOnly() {
  const client = useClient();
  const [summary, setSummary] = useState<HealthSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client
      .call('health.summary', {})
      .then(setSummary)
      .catch((e: Error) => setError(e.message));
  }, [client]);
  return (
    <Flex vertical gap={12} data-testid="health-counts-only">
      <Alert
        type="info"
        showIcon
        title="您的账号没有健康信息权限：这里只显示人数和等级"
        description="体检、心理、就医的姓名和详情属于敏感个人信息（个人信息保护法第二十八条），只有经授权的账号可以查看。如工作需要，请管理员在「设置 → 账号」中开通。"
      />
      {error && <Alert type="error" showIcon title={error} />}
      {summary && (
        <Row gutter={[12, 12]}>
          {[
            ['体检覆盖率', `${summary.coverage.total.percent}%`],
            ['体检逾期', summary.overdueCheckups],
            ['待复查', summary.followUpsOpen],
            ['心理预警', summary.levels['预警']],
            ['心理危机', summary.levels['危机']],
            ['在院', summary.inHospital],
            ['今年因公负伤', summary.injuriesThisYear],
            ['待报销', summary.reimbursementsPending],
          ].map(([title, value]) => (
            <Col key={String(title)} xs={12} md={6}>
              <Card size="small">
                <Statistic title={title} value={value} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}
