import type { ResponseError } from '../types.js';

/**
 * Stops sending to a model that fails every request (down, bad key, unknown model id): after
 * `threshold` consecutive responses that failed after their retries, the model's remaining items
 * are not sent. They stay unanswered, so re-running the config finishes them once it is fixed.
 */
export class ModelBreaker {
  private consecutive = 0;
  private trippedBy: ResponseError | undefined;
  skipped = 0;

  constructor(private readonly threshold: number) {}

  get open(): ResponseError | undefined {
    return this.trippedBy;
  }

  /** Stop the model outright (it could not start): every item is skipped. */
  trip(error: ResponseError): void {
    this.trippedBy ??= error;
  }

  record(error: ResponseError | undefined): void {
    if (!error) {
      this.consecutive = 0;
      return;
    }
    this.consecutive++;
    if (this.threshold > 0 && this.consecutive >= this.threshold) this.trippedBy ??= error;
  }
}
