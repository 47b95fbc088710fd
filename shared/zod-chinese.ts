import { z } from 'zod';

/** Zod's own messages in Simplified Chinese, for any schema that does not give its own message. */
z.config(z.locales.zhCN());
