import { z } from 'zod';

/** Metrics a clause can hold a model to. Some need suites or providers that a run may not have used. */
export const METRICS = ['score', 'refusal_rate', 'over_refusal_rate', 'bias_amb', 'bias_dis', 'cost_per_1k', 'latency_p95_ms', 'error_rate', 'ttft_p50_ms'] as const;
export type Metric = (typeof METRICS)[number];

export const clauseSchema = z.strictObject({
  id: z.string().min(1).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "-" and "." only'),
  metric: z.enum(METRICS),
  suite: z.string().min(1).optional(),
  category: z.string().min(1).optional(),
  op: z.enum(['>=', '<=']),
  value: z.number(),
  /** ">=" compares the interval's lower bound, "<=" its upper bound; omitted: the point estimate. */
  confidence: z.number().gt(0.5).lt(1).optional(),
  /** Fewer scored items than this makes the clause "inconclusive", never "pass". */
  min_n: z.number().int().positive().optional(),
  description: z.string().optional(),
  /** Which risk areas or legal duties the clause speaks to (information, not legal advice). */
  references: z.array(z.string()).optional(),
});

export const standardSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  clauses: z.array(clauseSchema).min(1, 'a standard needs at least one clause'),
});

export type Clause = z.infer<typeof clauseSchema>;
export type Standard = z.infer<typeof standardSchema>;
