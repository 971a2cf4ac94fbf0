import cliProgress from 'cli-progress';
import { RicegradeError } from '../errors.js';
import { formatBytes, isHuggingFaceUrl, pullModel, type PullEvents } from '../models/pull.js';

const PLAIN_INTERVAL_MS = 2000;
const SPEED_WINDOW_MS = 5000;

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Download progress on stderr: a bar (bytes, MB/s, ETA) on a terminal, a plain line every 2 s otherwise. */
class PullProgressView implements PullEvents {
  private multibar?: cliProgress.MultiBar;
  private bar?: cliProgress.SingleBar;
  private name = '';
  private bytes = 0;
  private total: number | undefined;
  private samples: Array<{ t: number; bytes: number }> = [];
  private lastPlain = 0;

  constructor(private readonly out: NodeJS.WriteStream, private readonly tty = Boolean(out.isTTY)) {}

  onCheckingPart(info: { path: string; bytes: number }): void {
    this.note(`checking the partial download ${info.path} (${formatBytes(info.bytes)})`);
  }

  onStart(info: { name: string; from: number; total: number | undefined }): void {
    const first = this.name === '';
    this.name = info.name;
    this.bytes = info.from;
    this.total = info.total;
    this.samples = [{ t: Date.now(), bytes: info.from }];
    if (first) {
      const size = info.total === undefined ? 'size unknown' : formatBytes(info.total);
      this.note(info.from > 0 ? `resuming ${info.name} at ${formatBytes(info.from)} of ${size}` : `downloading ${info.name} (${size})`);
    }
    if (this.tty && info.total !== undefined) {
      if (!this.multibar) {
        this.multibar = new cliProgress.MultiBar(
          { format: '{name} {bar} {percentage}% | {done} / {size} | {speed} | ETA {eta}', barsize: 20, hideCursor: true, clearOnComplete: false, stream: this.out, fps: 8 },
          cliProgress.Presets.shades_classic,
        );
        this.bar = this.multibar.create(info.total, info.from, this.payload());
      } else {
        this.bar?.setTotal(info.total);
        this.bar?.update(info.from, this.payload());
      }
    }
  }

  onProgress(bytes: number, total: number | undefined): void {
    this.bytes = bytes;
    this.total = total;
    const now = Date.now();
    const lastSample = this.samples[this.samples.length - 1];
    if (!lastSample || now - lastSample.t >= 200) {
      this.samples.push({ t: now, bytes });
      while (this.samples.length > 2 && now - this.samples[0]!.t > SPEED_WINDOW_MS) this.samples.shift();
    }
    if (this.bar) this.bar.update(bytes, this.payload());
    else if (now - this.lastPlain >= PLAIN_INTERVAL_MS) {
      this.lastPlain = now;
      this.out.write(`${this.plainLine()}\n`);
    }
  }

  onRetry(info: { attempt: number; maxAttempts: number; delayMs: number; reason: string; bytes: number }): void {
    this.note(`${info.reason}: retrying in ${info.delayMs / 1000} s (attempt ${info.attempt} of ${info.maxAttempts}), resuming at ${formatBytes(info.bytes)}`);
  }

  onNote(text: string): void {
    this.note(text);
  }

  /** A line above the bar (or a plain line). */
  note(text: string): void {
    if (this.multibar) this.multibar.log(`${text}\n`);
    else this.out.write(`${text}\n`);
  }

  stop(): void {
    this.multibar?.stop();
    this.multibar = undefined;
    this.bar = undefined;
  }

  private rate(): number {
    const first = this.samples[0];
    const last = { t: Date.now(), bytes: this.bytes };
    if (!first || last.t - first.t < 100) return 0;
    return ((last.bytes - first.bytes) * 1000) / (last.t - first.t);
  }

  private eta(): string {
    if (this.total === undefined) return '?';
    if (this.bytes >= this.total) return '0s';
    const rate = this.rate();
    return rate > 0 ? formatDuration((this.total - this.bytes) / rate) : '?';
  }

  private payload(): Record<string, string> {
    return { name: this.name, done: formatBytes(this.bytes), size: this.total === undefined ? '?' : formatBytes(this.total), speed: `${(this.rate() / 1e6).toFixed(1)} MB/s`, eta: this.eta() };
  }

  private plainLine(): string {
    const of = this.total === undefined ? '' : ` / ${formatBytes(this.total)} (${Math.floor((this.bytes / this.total) * 100)}%)`;
    return `${this.name}: ${formatBytes(this.bytes)}${of} · ${(this.rate() / 1e6).toFixed(1)} MB/s · ETA ${this.eta()}`;
  }
}

/**
 * `ricegrade pull URL [--to DIR] [--sha256 HEX]`: download a GGUF model file, resumable and verified.
 * Progress and notes go to stderr; the path written is the one line on stdout.
 */
export async function pullCommand(url: string, opts: { to: string; sha256?: string }): Promise<void> {
  const controller = new AbortController();
  const view = new PullProgressView(process.stderr);
  let stops = 0;
  const onSignal = () => {
    stops++;
    if (stops === 1) controller.abort();
    else process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const token = process.env.HF_TOKEN?.trim();
  const started = Date.now();
  try {
    const result = await pullModel({
      url,
      dir: opts.to,
      sha256: opts.sha256,
      auth: token ? { token, sendTo: isHuggingFaceUrl } : undefined,
      signal: controller.signal,
      events: view,
    });
    view.stop();
    if (result.status === 'already-downloaded') {
      process.stderr.write(`already downloaded: ${result.path} (${result.sha256 ? 'sha256 matches' : 'same size as on the server'})\n`);
    } else {
      const seconds = (Date.now() - started) / 1000;
      const fresh = result.bytes - result.resumedFrom;
      process.stderr.write(
        `downloaded ${result.name}: ${formatBytes(result.bytes)}${result.resumedFrom > 0 ? ` (resumed at ${formatBytes(result.resumedFrom)})` : ''} ` +
          `in ${seconds.toFixed(1)} s (${(fresh / 1e6 / Math.max(seconds, 0.001)).toFixed(1)} MB/s) · sha256 ${result.sha256}${opts.sha256 ? ' (verified)' : ''}\n`,
      );
    }
    process.stdout.write(`${result.path}\n`);
  } catch (err) {
    view.stop();
    if (controller.signal.aborted) {
      process.stderr.write(`${RicegradeError.isInstance(err) ? err.message : 'interrupted'}\n`);
      process.exitCode = 130;
      return;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
