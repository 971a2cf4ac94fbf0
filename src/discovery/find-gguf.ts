import { closeSync, openSync, readdirSync, readSync, statSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';

export interface GgufFile {
  /** Absolute path. */
  path: string;
  size: number;
}

export interface GgufSearch {
  /** GGUF files found, sorted by path. */
  files: GgufFile[];
  /** `*.gguf` files left out, with the reason. */
  skipped: Array<{ path: string; reason: string }>;
  /** True when the search stopped at `maxEntries` before seeing every folder. */
  truncated: boolean;
}

export interface GgufSearchOptions {
  /** Folders below `dir` to descend into (0 = `dir` only). Default 4. */
  maxDepth?: number;
  /** Directory entries to look at before giving up, so a search from a home folder stays quick. Default 50,000. */
  maxEntries?: number;
}

const GGUF_MAGIC = Buffer.from('GGUF', 'ascii');
/** `name-00002-of-00003.gguf`: a later shard of a split model; only the first shard is loaded by llama.cpp. */
const LATER_SHARD = /-(\d{5})-of-\d{5}\.gguf$/i;

/**
 * Every `*.gguf` file under `dir` (recursively, at most `maxDepth` folders down; skipping node_modules,
 * dot-folders and symlinked folders) whose first four bytes are `GGUF`. Later shards of split models and
 * vision projectors (`mmproj*`) are skipped: they are not models to evaluate on their own.
 */
export function findGgufFiles(dir: string, options: GgufSearchOptions = {}): GgufSearch {
  const maxDepth = options.maxDepth ?? 4;
  let budget = options.maxEntries ?? 50_000;
  const files: GgufFile[] = [];
  const skipped: GgufSearch['skipped'] = [];
  let truncated = false;

  const walk = (folder: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return; // unreadable folder: not ours to report
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (--budget < 0) {
        truncated = true;
        return;
      }
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (depth < maxDepth && !entry.name.startsWith('.') && entry.name !== 'node_modules') walk(path, depth + 1);
        continue;
      }
      if (!entry.name.toLowerCase().endsWith('.gguf')) continue;
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      const shard = LATER_SHARD.exec(entry.name);
      if (shard && shard[1] !== '00001') {
        skipped.push({ path, reason: 'a later shard of a split model (the first shard stands for it)' });
        continue;
      }
      if (/^mmproj/i.test(entry.name)) {
        skipped.push({ path, reason: 'a vision projector, not a language model' });
        continue;
      }
      const check = checkGguf(path);
      if (typeof check === 'string') skipped.push({ path, reason: check });
      else files.push(check);
    }
  };

  walk(resolve(dir), 0);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped, truncated };
}

/** The file if it is a regular file starting with the GGUF magic, else why not. Follows file symlinks. */
function checkGguf(path: string): GgufFile | string {
  let fd: number | undefined;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return 'not a regular file';
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    const read = readSync(fd, head, 0, 4, 0);
    if (read < 4 || !head.equals(GGUF_MAGIC)) return 'does not start with the GGUF magic bytes';
    return { path, size: stat.size };
  } catch (err) {
    return `cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A display name for a GGUF model: the file name without `.gguf` and without a `-00001-of-0000N` shard suffix. */
export function ggufModelStem(fileName: string): string {
  return fileName.replace(/\.gguf$/i, '').replace(/-\d{5}-of-\d{5}$/i, '');
}
