import { canonicalJson } from '../util/canonical-json.js';
import { sha256 } from '../util/hash.js';
import type { ItemDraft } from './parse-item.js';

/**
 * Gives items stable ids: an explicit id as is, otherwise a hash of the item's content.
 * Identical items get `~2`, `~3`, … in file order. Explicit duplicates are reported.
 */
export class ItemIds {
  private readonly seen = new Map<string, number>();

  /** The id for the draft on `line`, or an error message when an explicit id repeats. */
  assign(draft: ItemDraft, line: number): string | { error: string } {
    if (draft.id !== undefined) {
      const first = this.seen.get(draft.id);
      if (first !== undefined) return { error: `id: duplicate id "${draft.id}" (first on line ${first})` };
      this.seen.set(draft.id, line);
      return draft.id;
    }
    const base = sha256(canonicalJson({ input: draft.input, expected: draft.expected, category: draft.category })).slice(0, 16);
    let id = base;
    for (let n = 2; this.seen.has(id); n++) id = `${base}~${n}`;
    this.seen.set(id, line);
    return id;
  }
}
