import { z } from 'zod';

export const Health = z.object({
  status: z.literal('ok'),
  engine: z.enum(['pglite', 'postgres']),
  serverVersion: z.string(),
  migration: z.string(),
});

export const Job = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  progress: z.number().min(0).max(1),
  message: z.string(),
  result: z.unknown().optional(),
});
export type Job = z.infer<typeof Job>;
