const WINDOW_MS = 60_000;

export type Clock = () => number;

/** One request's place in the window. */
export interface Reservation {
  at: number;
  tokens: number;
  expired: boolean;
}
export type Sleep = (ms: number) => Promise<void>;

/**
 * Requests-per-minute and tokens-per-minute limits over a sliding 60 s window.
 * Tokens are reserved with an estimate before the request and corrected with the real usage after.
 */
export class RateLimiter {
  private readonly events: Reservation[] = [];
  private tokensInWindow = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly rpm: number | undefined,
    private readonly tpm: number | undefined,
    private readonly clock: Clock = Date.now,
    private readonly sleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  get enabled(): boolean {
    return this.rpm !== undefined || this.tpm !== undefined;
  }

  /** Wait until one more request of `tokens` fits in the window, then reserve it. Callers are served in order. */
  acquire(tokens: number): Promise<Reservation> {
    const turn = this.queue.then(() => this.waitAndReserve(tokens));
    this.queue = turn.then(() => undefined);
    return turn;
  }

  /** Correct a reservation once the real token count is known. */
  settle(reservation: Reservation, actualTokens: number): void {
    if (reservation.expired) return; // already out of the window
    this.tokensInWindow += actualTokens - reservation.tokens;
    reservation.tokens = actualTokens;
  }

  private async waitAndReserve(tokens: number): Promise<Reservation> {
    // A single request larger than the whole budget could never fit: let it through alone.
    const need = this.tpm !== undefined ? Math.min(tokens, this.tpm) : tokens;
    for (;;) {
      const now = this.clock();
      this.expire(now);
      const wait = Math.max(this.rpmWait(now), this.tpmWait(now, need));
      if (wait <= 0) {
        const event: Reservation = { at: now, tokens, expired: false };
        this.events.push(event);
        this.tokensInWindow += tokens;
        return event;
      }
      await this.sleep(wait);
    }
  }

  private expire(now: number): void {
    while (this.events.length > 0 && this.events[0]!.at <= now - WINDOW_MS) {
      const event = this.events.shift()!;
      event.expired = true;
      this.tokensInWindow -= event.tokens;
    }
  }

  private rpmWait(now: number): number {
    if (this.rpm === undefined || this.events.length < this.rpm) return 0;
    return this.events[this.events.length - this.rpm]!.at + WINDOW_MS - now;
  }

  private tpmWait(now: number, tokens: number): number {
    if (this.tpm === undefined || this.tokensInWindow + tokens <= this.tpm) return 0;
    let freed = 0;
    for (const e of this.events) {
      freed += e.tokens;
      if (this.tokensInWindow - freed + tokens <= this.tpm) return e.at + WINDOW_MS - now;
    }
    return WINDOW_MS;
  }
}
