import { Card, Result } from 'antd';

/** A page a later version fills: says so plainly instead of showing fake data. */
export function NotBuiltPage({ what }: { what: string }) {
  return (
    <Card>
      <Result status="info" title="本页面尚未开发" subTitle={`这里将用于：${what}。当前版本还没有这项功能，请勿在别处重复登记。`} />
    </Card>
  );
}
