import cliProgress from 'cli-progress';
import type { ItemDone, PlannedModel, RunEvents } from '../engine/events.js';
import { formatUsd } from '../report/results-table.js';

interface ModelProgress {
  total: number;
  done: number;
  errors: number;
  retries: number;
  spent: number;
  cached: number;
  bar?: cliProgress.SingleBar;
}

const PLAIN_INTERVAL_MS = 2000;

/**
 * Live progress of a run: a bar per model (items done, errors, cost so far, ETA) on a terminal,
 * plain lines every few seconds otherwise (CI logs, pipes).
 */
export class ProgressView implements RunEvents {
  private readonly models = new Map<string, ModelProgress>();
  private multibar?: cliProgress.MultiBar;
  private lastPlain = 0;
  private width = 0;
  private readonly started = Date.now();

  constructor(private readonly out: NodeJS.WriteStream, private readonly tty = Boolean(out.isTTY)) {}

  onPlan(plan: { runId: number; resumed: boolean; models: PlannedModel[] }): void {
    this.out.write(`${plan.resumed ? 'resuming' : 'starting'} run ${plan.runId}\n`);
    this.width = Math.max(...plan.models.map((m) => m.model.length));
    if (this.tty) {
      this.multibar = new cliProgress.MultiBar(
        {
          format: `{model} {bar} {value}/{total} | errors {errors} | retries {retries} | {cost} | ETA {eta_formatted}`,
          barsize: 24,
          hideCursor: true,
          clearOnComplete: false,
          stream: this.out,
          fps: 8,
        },
        cliProgress.Presets.shades_classic,
      );
    }
    this.addBars(plan.models);
  }

  /** The judges' share, once the answers are in: one more bar (or plain line) per judge. */
  onJudgePlan(judges: PlannedModel[]): void {
    const todo = judges.filter((j) => j.total > 0);
    if (todo.length === 0) return;
    if (!this.tty) this.out.write(`judging ${todo.map((j) => `${j.total} answers by ${j.model}`).join(', ')}\n`);
    this.addBars(todo);
  }

  private addBars(models: PlannedModel[]): void {
    const width = Math.max(this.width, ...models.map((m) => m.model.length));
    for (const m of models) {
      const progress: ModelProgress = { total: m.total, done: 0, errors: 0, retries: 0, spent: 0, cached: 0 };
      progress.bar = this.multibar?.create(m.total, 0, { model: m.model.padEnd(width), errors: 0, retries: 0, cost: formatUsd(0) });
      this.models.set(m.model, progress);
    }
  }

  onItem(done: ItemDone): void {
    const p = this.models.get(done.model);
    if (!p) return;
    p.done++;
    if (done.error) p.errors++;
    if (done.source !== 'sent') p.cached++;
    p.spent += done.spentUsd;
    if (p.bar) p.bar.update(p.done, { errors: p.errors, cost: formatUsd(p.spent) });
    else this.maybePrintPlain();
  }

  onRetry(retry: { model: string; error: { message: string }; delayMs: number }): void {
    const p = this.models.get(retry.model);
    if (!p) return;
    p.retries++;
    if (p.bar) p.bar.update({ retries: p.retries });
    else if (p.retries === 1 || p.retries % 100 === 0) {
      this.out.write(`[${retry.model}] retrying (${p.retries} so far): ${retry.error.message}\n`);
    }
  }

  /** A message that must not tear the bars: printed above them on a terminal. */
  note(text: string): void {
    if (this.multibar) this.multibar.log(`${text}\n`);
    else this.out.write(`${text}\n`);
  }

  /** Stop the bars (or print the last plain lines) and a one-line summary. */
  finish(note?: string): void {
    this.multibar?.stop();
    if (!this.tty) this.printPlain();
    const elapsed = ((Date.now() - this.started) / 1000).toFixed(1);
    let spent = 0;
    let cached = 0;
    for (const p of this.models.values()) {
      spent += p.spent;
      cached += p.cached;
    }
    this.out.write(`${note ? `${note} · ` : ''}${elapsed} s · spent ${formatUsd(spent)} on new requests · ${cached} answers reused from the store\n`);
  }

  private maybePrintPlain(): void {
    const now = Date.now();
    if (now - this.lastPlain < PLAIN_INTERVAL_MS) return;
    this.lastPlain = now;
    this.printPlain();
  }

  private printPlain(): void {
    const elapsed = (Date.now() - this.started) / 1000;
    for (const [model, p] of this.models) {
      const rate = p.done / Math.max(elapsed, 0.001);
      const eta = p.done >= p.total ? 'done' : rate > 0 ? `ETA ${Math.ceil((p.total - p.done) / rate)}s` : 'ETA ?';
      this.out.write(`[${model}] ${p.done}/${p.total} items · ${p.errors} errors · ${p.retries} retries · ${formatUsd(p.spent)} · ${eta}\n`);
    }
  }
}
