/** Stable error codes. Bad input exits 2, other failures exit 1. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'DATASET_PARSE'
  | 'DATASET_NOT_FOUND'
  | 'ARGUMENT_INVALID'
  | 'ENV_MISSING'
  | 'STORE_FAILED'
  | 'RUN_NOT_FOUND'
  | 'PROVIDER_HTTP'
  | 'INTERNAL';

const BAD_INPUT: ReadonlySet<ErrorCode> = new Set([
  'CONFIG_INVALID',
  'CONFIG_NOT_FOUND',
  'DATASET_PARSE',
  'DATASET_NOT_FOUND',
  'ARGUMENT_INVALID',
  'ENV_MISSING',
  'RUN_NOT_FOUND',
]);

/** The one error class of ricegrade: a stable code and a message a user can act on. */
export class RicegradeError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RicegradeError';
    this.code = code;
  }

  get exitCode(): number {
    return BAD_INPUT.has(this.code) ? 2 : 1;
  }

  static isInstance(value: unknown): value is RicegradeError {
    return value instanceof RicegradeError;
  }
}
