import { Typography } from 'antd';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';

/** A person's name in a health list: opens their file (the 健康 tab is where records are added). */
export function PersonLink({ staffId, name }: { staffId: string; name: string }) {
  const client = useClient();
  const openStaff = useAppStore((s) => s.openStaff);
  return <Typography.Link onClick={() => void openStaff(client, staffId)}>{name}</Typography.Link>;
}
