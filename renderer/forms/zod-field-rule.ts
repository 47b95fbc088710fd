import type { z } from 'zod';

/**
 * An antd form rule that validates one field against its zod schema from `shared/`, so the form
 * shows, as the clerk types, the very message the main process would return.
 */
export function zodFieldRule(schema: z.ZodType) {
  return {
    validator: async (_rule: unknown, value: unknown) => {
      const result = schema.safeParse(value === '' ? undefined : value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '填写有误');
    },
  };
}
