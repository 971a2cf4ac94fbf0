import type { Item } from '../../types.js';
import { asObject, checkedItem, convertAll, describe, FieldError, integer, jsonlRecords, oneOf, text, type Where } from './common.js';

const ANSWERS = ['ans0', 'ans1', 'ans2'] as const;

/** One BBQ record (nyu-mll/BBQ `data/<Category>.jsonl`), validated. */
export interface BbqRecord {
  example_id: number;
  question_index: string;
  question_polarity: 'neg' | 'nonneg';
  context_condition: 'ambig' | 'disambig';
  category: string;
  /** For ans0..ans2: [answer text, group label]; the "can't tell" answer has the label 'unknown'. */
  answer_info: Record<'ans0' | 'ans1' | 'ans2', [string, string]>;
  additional_metadata: { stereotyped_groups: string[]; [key: string]: unknown };
  context: string;
  question: string;
  ans0: string;
  ans1: string;
  ans2: string;
  label: 0 | 1 | 2;
}

/** What BBQ's bias scores need to know about an item besides its label. */
export interface BbqMeta {
  /** Index (0..2) of the "unknown" / "can't be determined" answer. */
  unknown: number;
  /**
   * Index of the answer that reflects the stereotype for this question's polarity, or null when
   * the group labels do not tell (neither or both non-unknown answers match stereotyped_groups).
   */
  biased: number | null;
  polarity: 'neg' | 'nonneg';
  contextCondition: 'ambig' | 'disambig';
}

/**
 * Which answer is "unknown" and which is the biased (stereotype-consistent) one.
 *
 * Rule: answer_info gives each ans a [text, group label]. The unknown answer is the one whose
 * label is 'unknown' (case-insensitive; exactly one must be). Of the two others, the
 * *stereotyped* one is the one whose label is in additional_metadata.stereotyped_groups, compared
 * case-insensitively and ignoring spaces and punctuation ("low SES" = "lowSES"). For a negative
 * question ("Who planted the bomb?") the biased answer is the stereotyped one; for a non-negative
 * question ("Who was running for cover?") it is the other non-unknown one. When neither or both
 * non-unknown answers are stereotyped, `biased` is null and the item should be left out of bias
 * scores. Checked on the Religion slice (every item has exactly one match); other categories use
 * other label vocabularies (e.g. "F"/"M", "nonOld") and may need a mapping before they match.
 */
export function bbqMeta(record: BbqRecord): BbqMeta {
  const labels = ANSWERS.map((a) => record.answer_info[a][1]);
  const unknowns = labels.flatMap((l, i) => (l.trim().toLowerCase() === 'unknown' ? [i] : []));
  if (unknowns.length !== 1) {
    throw new FieldError('answer_info', `expected exactly one answer with group label "unknown", got ${unknowns.length}`);
  }
  const unknown = unknowns[0]!;
  const groups = new Set(record.additional_metadata.stereotyped_groups.map(normalizeGroup));
  const others = [0, 1, 2].filter((i) => i !== unknown);
  const stereotyped = others.filter((i) => groups.has(normalizeGroup(labels[i]!)));
  let biased: number | null = null;
  if (stereotyped.length === 1) {
    biased = record.question_polarity === 'neg' ? stereotyped[0]! : others.find((i) => i !== stereotyped[0])!;
  }
  return { unknown, biased, polarity: record.question_polarity, contextCondition: record.context_condition };
}

function normalizeGroup(label: string): string {
  return label.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Validate one raw BBQ record; throws a FieldError naming the first field that does not fit. */
export function parseBbqRecord(raw: unknown): BbqRecord {
  const r = asObject(raw);
  const example_id = integer(r, 'example_id');
  const qi = r.question_index;
  if (typeof qi !== 'string' && typeof qi !== 'number') throw new FieldError('question_index', `expected a string or a number, got ${describe(qi)}`);
  const question_polarity = oneOf(r, 'question_polarity', ['neg', 'nonneg'] as const);
  const context_condition = oneOf(r, 'context_condition', ['ambig', 'disambig'] as const);
  const category = text(r, 'category');
  const info = r.answer_info;
  if (info === null || typeof info !== 'object' || Array.isArray(info)) throw new FieldError('answer_info', `expected an object with ans0..ans2, got ${describe(info)}`);
  const answer_info = {} as BbqRecord['answer_info'];
  for (const a of ANSWERS) {
    const pair = (info as Record<string, unknown>)[a];
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      throw new FieldError(`answer_info.${a}`, `expected [answer text, group label], got ${describe(pair)}`);
    }
    answer_info[a] = [pair[0], pair[1]];
  }
  const meta = r.additional_metadata;
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) throw new FieldError('additional_metadata', `expected an object, got ${describe(meta)}`);
  const groups = (meta as Record<string, unknown>).stereotyped_groups;
  if (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string')) {
    throw new FieldError('additional_metadata.stereotyped_groups', `expected a list of strings, got ${describe(groups)}`);
  }
  const context = text(r, 'context');
  const question = text(r, 'question');
  const [ans0, ans1, ans2] = ANSWERS.map((a) => text(r, a)) as [string, string, string];
  const label = integer(r, 'label');
  if (label < 0 || label > 2) throw new FieldError('label', `expected 0, 1 or 2, got ${label}`);
  return {
    example_id,
    question_index: String(qi),
    question_polarity,
    context_condition,
    category,
    answer_info,
    additional_metadata: { ...(meta as Record<string, unknown>), stereotyped_groups: groups as string[] },
    context,
    question,
    ans0,
    ans1,
    ans2,
    label: label as 0 | 1 | 2,
  };
}

function toItem(record: BbqRecord): Item {
  const meta = bbqMeta(record);
  return checkedItem({
    id: `bbq-${record.category}-${record.example_id}`,
    input: `${record.context}\n${record.question}`,
    choices: [record.ans0, record.ans1, record.ans2],
    expected: record.label,
    category: `${record.category}/${record.context_condition}`,
    bias: { unknown: meta.unknown, biased: meta.biased, context: record.context_condition },
  });
}

/**
 * BBQ JSONL as multiple-choice items: input = context + "\n" + question; choices = ans0..ans2;
 * expected = label; category `<category>/<ambig|disambig>`; id `bbq-<category>-<example_id>`.
 * Every record's answer_info must have exactly one 'unknown' answer. Suggested scorer: choice.
 */
export async function* readBbq(path: string): AsyncGenerator<Item> {
  for await (const { item } of readBbqDetailed(path)) yield item;
}

/** Like readBbq, with each item's validated record and bbqMeta, for bias scores. */
export function readBbqDetailed(path: string): AsyncGenerator<{ item: Item; record: BbqRecord; meta: BbqMeta; where: Where }> {
  const seen = new Map<string, Where>();
  return convertAll(path, jsonlRecords(path), (raw, where) => {
    const record = parseBbqRecord(raw);
    const meta = bbqMeta(record);
    const item = toItem(record);
    const first = seen.get(item.id);
    if (first !== undefined) throw new FieldError('example_id', `expected a unique id, ${item.id} repeats line ${first}`);
    seen.set(item.id, where);
    return { item, record, meta, where };
  });
}
