import { z } from 'zod';
import { defineMethod } from './define-method';
import type { ClockRepairResult, ClockStatus, WithheldChange } from '../sync-record';

/**
 * The calls around what an import did not apply (未导入的修改) and around this PC's clock
 * (电脑日期): see `electron/sync/withheld-changes.ts` and `electron/sync/clock-policy.ts`.
 */
export const syncReviewContract = {
  'sync.withheld': defineMethod<WithheldChange[]>()(
    '导入时未被采用的修改：无权修改而拒收的（rejected），以及修改时间比本机晚得太多而暂缓的（held）',
    z.object({ includeDismissed: z.boolean().default(false) }),
  ),
  'sync.dismissWithheld': defineMethod<{ dismissed: number }>()(
    '处理未导入的修改：拒收的从列表移除（已知悉）；暂缓的放弃，到时也不再导入',
    z.object({ ids: z.array(z.string().min(1)).min(1).max(1000) }),
  ),
  'sync.releaseHeld': defineMethod<{ released: number }>()('把时间已到的暂缓修改导入（打开同步页面时自动进行）', z.object({})),
  'app.clockStatus': defineMethod<ClockStatus>()('本机电脑日期是否可能设错（台账里已有晚于现在的修改）', z.object({})),
  'sync.repairClock': defineMethod<ClockRepairResult>()(
    '以电脑当前时间为准：把本机以前在错误日期下做的修改改记为现在的时间（内容不变），之后可以正常保存和同步',
    z.object({}),
  ),
};
