import Table from 'cli-table3';
import type { Market } from '../analysis/market.js';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));

/** The market as text: leaderboard with tiers and frontier, similarity, commodity index, notes. */
export function marketTable(market: Market): string {
  const board = new Table({
    head: ['tier', 'model', 'score', '95% CI', 'n', '$/1M blended', 'score per $', 'frontier', 'unique strengths'],
    style: { head: [], border: [], compact: true },
  });
  const sorted = [...market.models].sort((a, b) => (a.tier ?? 1e9) - (b.tier ?? 1e9) || (b.score ?? -1) - (a.score ?? -1));
  for (const m of sorted) {
    board.push([
      m.tier === null ? '—' : String(m.tier),
      m.model,
      pct(m.score),
      m.ci_low === null ? '—' : `${pct(m.ci_low)}–${pct(m.ci_high)}`,
      String(m.n),
      m.blended_price === null ? 'no price' : `$${num(m.blended_price, 3)}`,
      num(m.score_per_dollar, 3),
      m.on_frontier ? '★ on' : m.near_frontier ? 'near' : '',
      m.unique_strengths.map((s) => `${s.category} (${pct(s.score)} vs ${s.best_cheaper.model} ${pct(s.best_cheaper.score)})`).join(', '),
    ]);
  }
  const lines = [board.toString()];
  lines.push(`tiers: models in one tier are not significantly different (paired tests, Holm-corrected, α = 0.05)`);
  lines.push(`frontier (${market.price_axis}): ${market.frontier.join(' → ') || 'none'}`);
  const ci = market.commodity_index;
  lines.push(
    ci.value === null
      ? 'commodity index: not enough priced models on or near the frontier'
      : `commodity index: ${ci.value.toFixed(2)} (95% CI ${num(ci.ci_low)}–${num(ci.ci_high)}) — mean error consistency of ${ci.models.join(', ')}; 0 = independent mistakes, 1 = the same mistakes`,
  );
  const ec = market.similarity.error_consistency;
  if (ec && ec.models.length <= 12) {
    const sim = new Table({ head: ['error consistency', ...ec.models], style: { head: [], border: [], compact: true } });
    ec.matrix.forEach((row, i) => sim.push([ec.models[i]!, ...row.map((x) => (x === null ? '—' : x.toFixed(2)))]));
    lines.push(sim.toString());
  }
  const sf = market.systemic_failures;
  lines.push(`systemic failures: ${sf.failed_by_all} of ${sf.items} items failed by every model that answered, ${sf.failed_by_most} by most`);
  for (const note of market.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}
