/** Events the main process may push to the renderer (the preload's allow-list). Free of zod so the preload stays small. */
export const eventNames = ['data.changed', 'task.progress'] as const;
export type EventName = (typeof eventNames)[number];
