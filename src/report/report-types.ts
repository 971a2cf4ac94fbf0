import type { Market } from '../analysis/market.js';
import type { RefusalRate } from '../analysis/refusal-rates.js';
import type { ResultSummary } from '../analysis/summarize-run.js';
import type { AuditEntry } from '../policy/audit.js';

/**
 * The data every view of the report and the dashboard is drawn from. The HTML report embeds it whole
 * (items possibly sampled); the dashboard serves the same shapes from its JSON API.
 */
export interface RunInfo {
  id: number;
  status: string;
  kind: string;
  started_at: string;
  finished_at: string | null;
  config_hash: string;
  config_path: string;
  epochs: number;
}

export interface ReportModel {
  name: string;
  provider: string;
  model: string;
  source: string;
  price: { input: number; output: number } | null;
}

export interface ReportSuite {
  name: string;
  suite_hash: string;
  n_items: number;
  scorer: Record<string, unknown>;
}

export interface RunSummary {
  run: RunInfo;
  models: ReportModel[];
  suites: ReportSuite[];
  results: ResultSummary[];
  by_category: ResultSummary[];
  /** Suites scored by `refusal`: refusal_rate / over_refusal_rate per model × suite (no category) and per category. */
  refusal_rates: RefusalRate[];
  totals: { responses: number; errors: number; input_tokens: number; output_tokens: number; cost_usd: number | null };
}

export interface ItemAnswer {
  text: string;
  score: number | null;
  answer: string | null;
  error: string | null;
}

export interface ItemRow {
  suite: string;
  item_id: string;
  category: string | null;
  input: string;
  expected: unknown;
  answers: Record<string, ItemAnswer>;
}

export interface ItemQuery {
  suite?: string;
  category?: string;
  /** Only these models' answers (and disagreement among them). */
  models?: string[];
  /** Only items where the models' scores or answers differ. */
  disagree?: boolean;
  offset?: number;
  limit?: number;
}

export interface ItemPage {
  total: number;
  offset: number;
  limit: number;
  rows: ItemRow[];
}

/** What `ricegrade report` embeds in the HTML file. */
export interface ReportData extends RunSummary {
  generated_at: string;
  tool_version: string;
  runs: RunInfo[];
  market: Market | null;
  market_error: string | null;
  /** With `report --standard`: every model held to the standard (the audit records). */
  audit: AuditEntry[] | null;
  /** Every item (or a sample of them, `sampled: true`) for the item explorer. */
  items: ItemPage & { sampled: boolean };
}
