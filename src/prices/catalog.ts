import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { RicegradeError } from '../errors.js';
import type { Price } from '../types.js';

/** Keys of the public price file that are not models. */
const NOT_MODELS = new Set(['sample_spec', 'fallback_generalizations', 'last_updated']);

export interface CatalogEntry {
  price: Price;
  provider?: string;
  maxInputTokens?: number;
}

/**
 * A price catalog in the de-facto public format (the LiteLLM price file): an object keyed by model
 * name with `input_cost_per_token` and `output_cost_per_token` in USD per token. Prices come out in
 * USD per 1M tokens, ricegrade's unit. Entries without both prices are left out.
 */
export function readPriceCatalog(path: string): Map<string, CatalogEntry> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RicegradeError(code === 'ENOENT' ? 'DATASET_NOT_FOUND' : 'DATASET_PARSE', `${basename(path)}: ${code === 'ENOENT' ? 'price catalog not found' : `not JSON: ${(err as Error).message}`}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new RicegradeError('DATASET_PARSE', `${basename(path)}: expected an object keyed by model name`);
  }
  const catalog = new Map<string, CatalogEntry>();
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    if (NOT_MODELS.has(name) || value === null || typeof value !== 'object') continue;
    const v = value as Record<string, unknown>;
    if (typeof v.input_cost_per_token !== 'number' || typeof v.output_cost_per_token !== 'number') continue;
    catalog.set(name, {
      price: { input: round(v.input_cost_per_token * 1e6), output: round(v.output_cost_per_token * 1e6) },
      provider: typeof v.litellm_provider === 'string' ? v.litellm_provider : undefined,
      maxInputTokens: typeof v.max_input_tokens === 'number' ? v.max_input_tokens : undefined,
    });
  }
  if (catalog.size === 0) throw new RicegradeError('DATASET_PARSE', `${basename(path)}: no model with input_cost_per_token and output_cost_per_token`);
  return catalog;
}

/** Per-token prices × 1e6 carry float noise (2.5e-6 × 1e6 = 2.4999999999999996). */
const round = (x: number) => Number(x.toPrecision(12));

/** A model's catalog entry: by exact key, then without a `provider/` prefix, then case-insensitively. */
export function lookupPrice(catalog: Map<string, CatalogEntry>, key: string): CatalogEntry | undefined {
  const direct = catalog.get(key) ?? catalog.get(key.replace(/^[^/]+\//, ''));
  if (direct) return direct;
  const lower = key.toLowerCase();
  for (const [name, entry] of catalog) if (name.toLowerCase() === lower) return entry;
  return undefined;
}
