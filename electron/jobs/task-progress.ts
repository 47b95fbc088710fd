import { AppError } from '../../shared/contract/api-error';
import type { TaskProgress } from '../../shared/contract/api-contract';
import type { AppDeps } from '../app-deps';

/** The refusal a cancelled job ends with; its transaction rolled back, nothing was written. */
export function taskCancelled(label: string): AppError {
  return new AppError('TASK_CANCELLED', `已取消「${label}」：没有写入任何数据，台账和取消前一样。`);
}

/**
 * Cancel requests of jobs that run on this thread (a `:memory:` ledger in tests, the CLI): they
 * are seen at the job's next progress point — between the awaits of an Excel import, say.
 */
const cancelledHere = new Set<string>();

/** Asks a job running on this thread to stop. */
export function requestCancelHere(taskId: string): void {
  cancelledHere.add(taskId);
}

/**
 * Reports a job's progress as `task.progress` (at most every 100 ms, and always at the end) and
 * is where a cancel request takes effect: it throws {@link taskCancelled}, which rolls back the
 * job's transaction. Without a task id nobody listens: only the cancel check remains.
 */
export type ProgressReporter = (done: number, total: number) => void;

const REPORT_EVERY_MS = 100;

export function progressReporter(deps: AppDeps, taskId: string | undefined, label: string): ProgressReporter {
  let last = 0;
  return (done, total) => {
    if (taskId && done < total) deps.pauseAtProgress?.();
    if (taskId && (cancelledHere.has(taskId) || deps.cancelRequested?.(taskId))) {
      cancelledHere.delete(taskId);
      throw taskCancelled(label);
    }
    if (!taskId) return;
    const now = Date.now();
    if (done < total && now - last < REPORT_EVERY_MS) return;
    last = now;
    deps.events('task.progress', { taskId, label, done, total } satisfies TaskProgress);
  };
}
