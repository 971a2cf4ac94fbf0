import type { ReportData } from './report-types.js';
import { SAFETY_NOTE, safetyRows } from './results-table.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
const usd = (x: number | null | undefined) => (x === null || x === undefined ? 'no price' : `$${x < 0.01 && x > 0 ? x.toPrecision(2) : x.toFixed(2)}`);
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown summary for pull requests and issues: leaderboard with intervals, frontier, commodity index. */
export function markdownReport(data: ReportData): string {
  const lines = [`## ricegrade — run ${data.run.id} (${data.run.status})`, ''];
  const market = data.market;
  if (market) {
    lines.push('| tier | model | score | 95% CI | n | $/1M blended | cost | frontier |', '| ---: | --- | ---: | ---: | ---: | ---: | ---: | :---: |');
    const models = [...market.models].sort((a, b) => (a.tier ?? 1e9) - (b.tier ?? 1e9) || (b.score ?? -1) - (a.score ?? -1));
    for (const m of models) {
      lines.push(
        `| ${m.tier ?? '—'} | ${cell(m.model)} | ${pct(m.score)} | ${pct(m.ci_low)}–${pct(m.ci_high)} | ${m.n} | ${m.blended_price === null ? 'no price' : `$${m.blended_price.toFixed(3)}`} | ${usd(m.cost_usd)} | ${m.on_frontier ? '★' : ''} |`,
      );
    }
    lines.push('', 'Models in one tier are not significantly different (paired tests, Holm-corrected, α = 0.05).', '');
    lines.push(`**Frontier** (${market.price_axis}): ${market.frontier.map(cell).join(' → ') || 'none'}`, '');
    const ci = market.commodity_index;
    lines.push(
      ci.value === null
        ? '**Commodity index**: not enough priced models on or near the frontier.'
        : `**Commodity index**: ${ci.value.toFixed(2)} (95% CI ${ci.ci_low?.toFixed(2)}–${ci.ci_high?.toFixed(2)}), the mean error consistency of ${ci.models.map(cell).join(', ')}.`,
    );
    const strengths = market.models.filter((m) => m.unique_strengths.length > 0);
    if (strengths.length) {
      lines.push('', '**Unique strengths** (significantly better than every cheaper model):');
      for (const m of strengths) lines.push(`- ${cell(m.model)}: ${m.unique_strengths.map((s) => `${cell(s.category)} (${pct(s.score)} vs ${cell(s.best_cheaper.model)} ${pct(s.best_cheaper.score)})`).join(', ')}`);
    }
    for (const note of market.notes) lines.push('', `> ${cell(note)}`);
  } else {
    lines.push(`No market analysis: ${data.market_error ?? 'no scored results'}.`);
  }
  const safety = data.refusal_rates.filter((r) => r.category === undefined);
  if (safety.length > 0) {
    const { head, rows } = safetyRows(safety);
    lines.push('', '### Safety', '', `| ${head.join(' | ')} |`, `| --- | --- | --- | ${head.slice(3).map(() => '---:').join(' | ')} |`);
    for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
    lines.push('', cell(SAFETY_NOTE));
  }
  const t = data.totals;
  lines.push('', `${t.responses} responses, ${t.errors} errors, ${t.input_tokens} input / ${t.output_tokens} output tokens, cost ${usd(t.cost_usd)} · config ${data.run.config_hash.slice(0, 12)} · ricegrade ${data.tool_version}`);
  return `${lines.join('\n')}\n`;
}
