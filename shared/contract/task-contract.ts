import { z } from 'zod';
import { defineMethod } from './define-method';

/**
 * Long jobs (bundle import and export, Excel import, later reports) run off the window's thread
 * and report `task.progress` under the id the caller chose; `task.cancel` stops one, and a
 * cancelled job has written nothing.
 */
export const taskIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '任务编号格式不正确');

/** The optional task id a long job's arguments carry (progress events and cancel use it). */
export const taskArgs = { taskId: taskIdSchema.optional() };

export const taskContract = {
  'task.cancel': defineMethod<{ cancelled: boolean }>()(
    '取消正在进行的长任务（导入、导出）：已做的部分全部撤回，数据不变',
    z.object({ taskId: taskIdSchema }),
  ),
};
