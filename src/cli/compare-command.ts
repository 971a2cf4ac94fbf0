import Table from 'cli-table3';
import { compareModels } from '../analysis/compare-models.js';
import { RicegradeError } from '../errors.js';
import { marketInputs } from '../analysis/market-inputs.js';
import { resolveMarketTarget, type MarketInputOptions } from './market-inputs.js';
import { openExistingStore } from './open-store.js';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export async function compareCommand(a: string, b: string, opts: MarketInputOptions & { format: 'table' | 'json' }): Promise<void> {
  const store = openExistingStore(opts);
  try {
    const { runId } = await resolveMarketTarget(store, opts);
    const { data } = await marketInputs(store, runId, opts.suite);
    const names = data.models.map((m) => m.name);
    for (const name of [a, b]) {
      if (!names.includes(name)) throw new RicegradeError('ARGUMENT_INVALID', `no model "${name}" in run ${runId} (models: ${names.join(', ')})`);
    }
    if (a === b) throw new RicegradeError('ARGUMENT_INVALID', 'compare two different models');
    const c = compareModels(data, a, b);
    if (opts.format === 'json') {
      process.stdout.write(`${JSON.stringify({ run: runId, ...c }, null, 2)}\n`);
      return;
    }
    const verdict =
      c.p_value === null
        ? c.note
        : c.significant
          ? `${c.diff! > 0 ? a : b} is better: the difference is real (p = ${c.p_value}, ${c.method})`
          : `no significant difference (p = ${c.p_value}, ${c.method}): on these items the two are interchangeable`;
    const lines = [`${a} ${pct(c.score_a)} vs ${b} ${pct(c.score_b)} on ${c.n} shared items (run ${runId}) — ${verdict}`];
    const table = new Table({ head: ['category', 'n', `${a} wins`, `${b} wins`, 'ties', a, b], style: { head: [], border: [], compact: true } });
    for (const k of c.by_category) table.push([k.category, String(k.n), String(k.wins), String(k.losses), String(k.ties), pct(k.score_a), pct(k.score_b)]);
    lines.push(table.toString());
    lines.push(`they disagree on ${c.disagreements.count} items${c.disagreements.count ? `; first ${c.disagreements.items.length}:` : ''}`);
    for (const d of c.disagreements.items) lines.push(`  ${d.item}: ${a} "${d.answer_a}" (${d.score_a}) · ${b} "${d.answer_b}" (${d.score_b})`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await store.close();
  }
}
