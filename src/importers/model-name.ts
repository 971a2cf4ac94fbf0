/** Model and task names inferred from where a published result file lives. */
import { basename, dirname, resolve } from 'node:path';
import { RicegradeError } from '../errors.js';

/** The model name given in the options, trimmed; undefined when absent or blank. */
export function givenModel(model: string | undefined): string | undefined {
  const trimmed = model?.trim();
  return trimmed ? trimmed : undefined;
}

/** `NAME` of an MMLU-Pro output file `model_outputs_<NAME>_5shots.json` (any `_<N>shots`), else undefined. */
export function mmluProModelFromFileName(path: string): string | undefined {
  const match = /^model_outputs_(.+)_\d+shots\.json$/i.exec(basename(path));
  return match?.[1];
}

/** Name of the folder holding the file, undefined at the file-system root. */
export function parentFolderName(path: string): string | undefined {
  const name = basename(dirname(resolve(path)));
  return name === '' ? undefined : name;
}

/**
 * The model of an lm-evaluation-harness output folder. The harness names it after the model with `/`
 * replaced by `__` (`meta-llama__Llama-3.1-8B`); one such separator is turned back into `/`.
 */
export function lmEvalModelFromFolder(path: string): string | undefined {
  const folder = parentFolderName(path);
  if (folder === undefined) return undefined;
  const parts = folder.split('__');
  return parts.length === 2 && parts[0] !== '' && parts[1] !== '' ? `${parts[0]}/${parts[1]}` : folder;
}

/**
 * The task of an lm-evaluation-harness samples file: `samples_<task>_<timestamp>.jsonl` (the timestamp is an
 * ISO date with `:` replaced by `-`) or `samples_<task>.jsonl`; undefined for other names.
 */
export function lmEvalTaskFromFileName(path: string): string | undefined {
  const name = basename(path);
  const stamped = /^samples_(.+?)_(\d{4}-\d{2}-\d{2}T[\d.\-]+)\.jsonl$/i.exec(name);
  if (stamped) return stamped[1];
  return /^samples_(.+)\.jsonl$/i.exec(name)?.[1];
}

/** The first defined name, or ARGUMENT_INVALID telling the user to name the model. */
export function requireModel(path: string, ...candidates: Array<string | undefined>): string {
  for (const candidate of candidates) if (candidate !== undefined && candidate.trim() !== '') return candidate;
  throw new RicegradeError('ARGUMENT_INVALID', `${basename(path)}: cannot infer the model name from the file; pass it as the model option`);
}
