/**
 * IFEval-style verifiable instructions (Zhou et al. 2023, "Instruction-Following Evaluation for
 * Large Language Models"): the kinds of constraint an item can carry, their parameters, the
 * instruction each one stands for in plain English, and a pure checker `(response) => boolean` per
 * kind. The semantics follow Google's IFEval (instructions_registry) where the kind exists there;
 * the differences are deliberate and marked "≠ IFEval".
 *
 * Terms used below:
 * - a WORD is a maximal run of letters, digits, combining marks and `_` (IFEval's `\w+`): "don't"
 *   and "e-mail" are two words each, "42" is one, "東京タワー" is one.
 * - a KEYWORD is found case-insensitively as a whole word or phrase: not preceded or followed by a
 *   letter, digit, mark or `_`, so "cat" is not found in "category" or "cats" but is in "cat-like"
 *   (≠ IFEval, which finds keywords anywhere, even inside other words). Whitespace inside a keyword
 *   matches any run of whitespace; curly apostrophes (’ ‘ ʼ) are read as '.
 * - a PHRASE (start_phrase, end_phrase) is compared case-insensitively (as IFEval's end checker
 *   does), whitespace runs as one space, apostrophes as for keywords, and must end (start) at a word
 *   boundary: "Many other questions?" does not end with "Any other questions?".
 * - a SENTENCE ends at a run of . ! ? or … (closing quotes, brackets and * _ may follow) before
 *   whitespace or the end of the text; a line break alone does not end one (as IFEval, whose
 *   sentences come from the NLTK punkt tokenizer, approximated here). A period does not end a
 *   sentence after a single letter or letter-dot chain ("J. Smith", "e.g.", "P.S."), after Mr Mrs
 *   Ms Dr Prof St Jr Sr vs Inc Ltd Co, or after a number that starts a line ("1. Buy milk"). A
 *   sentence is counted when it holds a letter or digit.
 *
 * Kinds, their parameters (all counts inclusive; `min`/`max` need at least one of the two, min ≤ max):
 * - `word_count` { min?, max? }: the number of words is within the bounds (IFEval's "less than N"
 *   is max N−1).
 * - `sentence_count` { min?, max? }: the number of sentences is within the bounds.
 * - `bullet_count` { count }: exactly `count` markdown bullets: lines starting (after optional
 *   indentation; nested bullets count) with `* ` or `- ` and some text. `•`, `+` and numbered items
 *   are not markdown bullets; a rule such as `* * *` or `- - -` is not a bullet (≠ IFEval, which
 *   counts any line starting with `-`, `---` included, and `*text` without a space).
 * - `include_keywords` { keywords }: every keyword is found.
 * - `forbidden_words` { words }: none of the words is found.
 * - `keyword_frequency` { keyword, min?, max? }: the keyword is found (non-overlapping) a number of
 *   times within the bounds (max may be 0).
 * - `lowercase`: the response has a letter with case and no upper- or titlecase letter (Python's
 *   `str.islower`, as IFEval; its English-language check is not made).
 * - `uppercase`: the response has a letter with case and no lower- or titlecase letter (`isupper`).
 *   Markdown such as `**bold**` does not change case.
 * - `json_only`: the whole response (trimmed) is one JSON value, or one fenced block ```json … ```
 *   or ``` … ``` holding one and nothing around it (IFEval strips the same fences). Any JSON value
 *   counts, as with IFEval's `json.loads`.
 * - `start_phrase` { phrase }: the response, after leading whitespace and double quotes, starts with
 *   the phrase (≠ IFEval, which accepts it at the start of any line and compares case-sensitively).
 * - `end_phrase` { phrase }: the response, after trailing whitespace and double quotes (as IFEval
 *   strips them; the phrase's own trailing quotes too), ends with the phrase: nothing may follow it,
 *   not even `**` or a sign-off.
 * - `title`: a title in double angular brackets, `<<title>>`, with non-blank text on one line,
 *   anywhere in the response.
 * - `no_commas`: no ASCII comma `,` (as IFEval; ， and 、 are other characters).
 * - `paragraphs` { count }: exactly `count` paragraphs separated by the markdown divider `***` on a
 *   line of its own (≠ IFEval, which also splits at `***` inside a line, e.g. in ***bold italic***);
 *   an empty piece before the first or after the last divider is not counted, an empty paragraph
 *   between two dividers fails.
 * - `placeholders` { min }: at least `min` square-bracket placeholders such as [address]: `[`, text
 *   on one line that is not blank and has no brackets, `]` (≠ IFEval, which also counts `[]`).
 * - `postscript` { marker = "P.S." }: the response ends with a postscript: a line starting with the
 *   marker (case-insensitive; leading whitespace, `>`, `#`, `*` and `_` allowed; a space may follow
 *   each period, so "P. S." counts) with text after it, and after that postscript's paragraph
 *   nothing but further postscripts such as "P.P.S." (≠ IFEval, which accepts the marker anywhere).
 * - `quotation`: the trimmed response is wrapped in double quotation marks `"…"` (ASCII, as IFEval).
 * - `highlights` { min }: at least `min` markdown highlights, `*text*` or `**text**` with non-blank
 *   text on one line (counted as IFEval counts them).
 *
 * Strict and loose (IFEval): strict checks the response as it is; loose passes a constraint when
 * any of eight variants passes: the response, without its first line, without its last line,
 * without both (those three trimmed), and each of these four with every `*` removed. A response or
 * variant that is empty or whitespace follows no constraint (as IFEval: an empty answer fails even
 * `no_commas`).
 */
import { z } from 'zod';
import { RicegradeError } from '../errors.js';
import type { Constraint } from '../types.js';
import { closest } from '../util/closest.js';
import { extractJson } from './json.js';

/** Whether a response follows one constraint. */
export type Checker = (response: string) => boolean;

/** A validated constraint with its checker. */
export interface CompiledConstraint {
  kind: string;
  check: Checker;
}

export type CheckMode = 'strict' | 'loose';

// ---------------------------------------------------------------------------------------------
// Text measures (exported for tests)

const WORD = /[\p{L}\p{N}\p{M}_]+/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const APOSTROPHES = /[’‘ʼ]/g;

/** Curly apostrophes read as '. */
function foldApostrophes(text: string): string {
  return text.replace(APOSTROPHES, "'");
}

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** A run of sentence-ending punctuation, with closers, before whitespace or the end. */
const SENTENCE_END = /[.!?…]+["'”’)\]*_]*(?=\s|$)/gu;
const ABBREVIATIONS: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'inc', 'ltd', 'co']);
const INITIALS = /^(?:\p{L}\.)*\p{L}$/u;
/** One period, maybe with closers: the only ending that may belong to an abbreviation. */
const LONE_PERIOD = /^\.[^.!?…]*$/;

/** Whether the lone period at `index` follows an initial, an abbreviation or a list number. */
function periodContinues(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 40), index);
  const token = /\S*$/.exec(before)![0];
  const word = token.replace(/^[("'“‘*_[]+/, '');
  if (INITIALS.test(word) || ABBREVIATIONS.has(word.toLowerCase())) return true;
  if (!/^\d+$/.test(word)) return false;
  const lineStart = text.lastIndexOf('\n', index - token.length - 1) + 1;
  return text.slice(lineStart, index - token.length).trim() === '';
}

export function countSentences(text: string): number {
  let count = 0;
  let start = 0;
  const hasContent = (piece: string) => /[\p{L}\p{N}]/u.test(piece);
  for (const m of text.matchAll(SENTENCE_END)) {
    if (LONE_PERIOD.test(m[0]) && periodContinues(text, m.index)) continue;
    if (hasContent(text.slice(start, m.index))) count++;
    start = m.index + m[0].length;
  }
  if (hasContent(text.slice(start))) count++;
  return count;
}

const BULLET = /^[ \t]*[*-][ \t]+\S/;
const RULE = /^[ \t]*([*-])(?:[ \t]*\1){2,}[ \t]*$/;

export function countBullets(text: string): number {
  return text.split('\n').filter((line) => BULLET.test(line) && !RULE.test(line)).length;
}

const DIVIDER = /^[ \t]*\*\*\*[ \t]*\r?$/;

/** Paragraphs separated by `***` lines; -1 when a paragraph between two dividers is empty. */
export function countParagraphs(text: string): number {
  const pieces: string[] = [''];
  for (const line of text.split('\n')) {
    if (DIVIDER.test(line)) pieces.push('');
    else pieces[pieces.length - 1] += `${line}\n`;
  }
  let count = pieces.length;
  for (const [i, piece] of pieces.entries()) {
    if (piece.trim() !== '') continue;
    if (i === 0 || i === pieces.length - 1) count--;
    else return -1;
  }
  return count;
}

export function countPlaceholders(text: string): number {
  let count = 0;
  for (const m of text.matchAll(/\[([^[\]\n]*)\]/g)) if (m[1]!.trim() !== '') count++;
  return count;
}

export function countHighlights(text: string): number {
  let count = 0;
  for (const m of text.matchAll(/\*[^\n*]*\*/g)) if (m[0].replace(/^\*+|\*+$/g, '').trim() !== '') count++;
  for (const m of text.matchAll(/\*\*[^\n*]*\*\*/g)) if (m[0].slice(2, -2).trim() !== '') count++;
  return count;
}

function hasTitle(text: string): boolean {
  for (const m of text.matchAll(/<<([^\n]*?)>>/g)) if (m[1]!.replace(/^<+|>+$/g, '').trim() !== '') return true;
  return false;
}

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/** A keyword as a case-insensitive, whole-word pattern (see "KEYWORD" above). */
function keywordPattern(keyword: string): RegExp {
  const body = foldApostrophes(keyword.trim()).replace(REGEX_SYNTAX, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])${body}(?![\\p{L}\\p{N}\\p{M}_])`, 'giu');
}

/** How often a keyword is found (non-overlapping). */
export function countKeyword(text: string, keyword: string): number {
  return foldApostrophes(text).match(keywordPattern(keyword))?.length ?? 0;
}

/** A phrase in comparison form: apostrophes folded, lower-case, whitespace runs as one space, trimmed. */
function phraseForm(text: string): string {
  return foldApostrophes(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

function startsWithPhrase(response: string, phrase: string): boolean {
  const text = phraseForm(response.trim().replace(/^"+/, ''));
  const want = phraseForm(phrase);
  if (!text.startsWith(want)) return false;
  const next = text.charAt(want.length);
  return !(WORD_CHAR.test(want.slice(-1)) && WORD_CHAR.test(next));
}

function endsWithPhrase(response: string, phrase: string): boolean {
  const text = phraseForm(response.trim().replace(/"+$/, ''));
  const want = phraseForm(phrase.trim().replace(/"+$/, ''));
  if (!text.endsWith(want)) return false;
  const before = text.charAt(text.length - want.length - 1);
  return !(WORD_CHAR.test(want.charAt(0)) && WORD_CHAR.test(before));
}

function isLowercase(text: string): boolean {
  return text === text.toLowerCase() && text !== text.toUpperCase();
}

function isUppercase(text: string): boolean {
  return text === text.toUpperCase() && text !== text.toLowerCase();
}

/** A postscript marker at the start of a line; a space may follow each of its periods. */
function markerPattern(marker: string): RegExp {
  const body = marker.trim().replace(REGEX_SYNTAX, '\\$&').replace(/\\\./g, '\\.[ \\t]?');
  return new RegExp(`^[ \\t>#*_]*${body}`, 'i');
}

const FURTHER_POSTSCRIPT = /^[ \t>#*_]*p\.[ \t]?(?:p\.[ \t]?)+s\b/i;

function endsWithPostscript(text: string, marker: string): boolean {
  const pattern = markerPattern(marker);
  const lines = text.trimEnd().split('\n');
  let at = -1;
  for (let i = lines.length - 1; i >= 0 && at < 0; i--) if (pattern.test(lines[i]!)) at = i;
  if (at < 0) return false;
  const tail = [lines[at]!.replace(pattern, ''), ...lines.slice(at + 1)].join('\n');
  const [body = '', ...later] = tail.split(/\n[ \t\r]*\n/);
  if (body.replace(/[*_:\s]/g, '') === '') return false;
  return later.every((paragraph) => paragraph.trim() === '' || FURTHER_POSTSCRIPT.test(paragraph.trimStart()));
}

// ---------------------------------------------------------------------------------------------
// Kinds: parameters, checker, instruction

const POSITIVE = 'expected a positive integer';
const NON_NEGATIVE = 'expected a non-negative integer';
const TEXT = 'expected a non-empty string';
const WORDS = 'expected a non-empty list of non-empty strings';

const positive = () => z.int({ error: POSITIVE }).min(1, { error: POSITIVE });
const nonNegative = () => z.int({ error: NON_NEGATIVE }).min(0, { error: NON_NEGATIVE });
const text = () => z.string({ error: TEXT }).refine((s) => s.trim() !== '', { error: TEXT });
const words = () => z.array(text(), { error: WORDS }).min(1, { error: WORDS });

interface Bounds {
  min?: number | undefined;
  max?: number | undefined;
}

function within(n: number, { min, max }: Bounds): boolean {
  return (min === undefined || n >= min) && (max === undefined || n <= max);
}

/** "at least 3", "at most 5", "between 3 and 5". */
export function boundsText({ min, max }: Bounds): string {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}` : `between ${min} and ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max!}`;
}

/** `word` after the bounds' last number: "1 word", "at most 3 words". */
function plural({ min, max }: Bounds, word: string): string {
  return (max ?? min) === 1 ? word : `${word}s`;
}

/** "“a”", "“a” and “b”", "“a”, “b” and “c”" (with "or" for `joiner`). */
function quotedList(values: readonly string[], joiner = 'and'): string {
  const quoted = values.map((v) => `"${v}"`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} ${joiner} ${quoted[quoted.length - 1]!}`;
}

interface KindDefinition {
  /** The parameter names, for error hints. */
  readonly params: readonly string[];
  readonly schema: z.ZodType;
  /** Both take parameters already validated by `schema`. */
  compile(params: unknown): Checker;
  instruction(params: unknown): string;
}

function kind<Shape extends z.ZodRawShape>(
  name: string,
  shape: Shape,
  compile: (p: z.output<z.ZodObject<Shape>>) => Checker,
  instruction: (p: z.output<z.ZodObject<Shape>>) => string,
  bounded = false,
): readonly [string, KindDefinition] {
  let schema: z.ZodType = z.strictObject(shape);
  if (bounded) schema = schema.superRefine((p, ctx) => checkBounds(name, p as Bounds, ctx));
  const definition: KindDefinition = {
    params: Object.keys(shape),
    schema,
    compile: (p) => compile(p as z.output<z.ZodObject<Shape>>),
    instruction: (p) => instruction(p as z.output<z.ZodObject<Shape>>),
  };
  return [name, definition] as const;
}

function checkBounds(name: string, { min, max }: Bounds, ctx: z.RefinementCtx): void {
  if (min === undefined && max === undefined) ctx.addIssue({ code: 'custom', path: [], message: `${name} needs min, max or both` });
  else if (min !== undefined && max !== undefined && min > max) ctx.addIssue({ code: 'custom', path: ['max'], message: `must be at least min (${min})` });
}

const KINDS: ReadonlyMap<string, KindDefinition> = new Map([
  kind(
    'word_count',
    { min: positive().optional(), max: positive().optional() },
    (p) => (r) => within(countWords(r), p),
    (p) => `Answer with ${boundsText(p)} ${plural(p, 'word')}.`,
    true,
  ),
  kind(
    'sentence_count',
    { min: positive().optional(), max: positive().optional() },
    (p) => (r) => within(countSentences(r), p),
    (p) => `Your response should contain ${boundsText(p)} ${plural(p, 'sentence')}.`,
    true,
  ),
  kind(
    'bullet_count',
    { count: positive() },
    (p) => (r) => countBullets(r) === p.count,
    (p) =>
      `Your answer must contain exactly ${p.count} bullet point${p.count === 1 ? '' : 's'}, each a markdown bullet on its own line starting with "* " or "- ".`,
  ),
  kind(
    'include_keywords',
    { keywords: words() },
    (p) => (r) => p.keywords.every((k) => countKeyword(r, k) > 0),
    (p) => `Include the keyword${p.keywords.length === 1 ? '' : 's'} ${quotedList(p.keywords)} in your response.`,
  ),
  kind(
    'forbidden_words',
    { words: words() },
    (p) => (r) => p.words.every((w) => countKeyword(r, w) === 0),
    (p) => `Do not use the word${p.words.length === 1 ? '' : 's'} ${quotedList(p.words, 'or')} anywhere in your response.`,
  ),
  kind(
    'keyword_frequency',
    { keyword: text(), min: positive().optional(), max: nonNegative().optional() },
    (p) => (r) => within(countKeyword(r, p.keyword), p),
    (p) => `In your response, the word "${p.keyword}" should appear ${boundsText(p)} ${plural(p, 'time')}.`,
    true,
  ),
  kind(
    'lowercase',
    {},
    () => isLowercase,
    () => 'Your entire response should be in English and in lowercase letters only; no capital letters are allowed.',
  ),
  kind(
    'uppercase',
    {},
    () => isUppercase,
    () => 'Your entire response should be in English and in capital letters only.',
  ),
  kind(
    'json_only',
    {},
    () => (r) => extractJson(r, true).ok,
    () => 'Your entire output should be valid JSON and nothing else; you may wrap it in markdown ticks such as ```json.',
  ),
  kind(
    'start_phrase',
    { phrase: text() },
    (p) => (r) => startsWithPhrase(r, p.phrase),
    (p) => `Start your response with the exact words "${p.phrase}".`,
  ),
  kind(
    'end_phrase',
    { phrase: text() },
    (p) => (r) => endsWithPhrase(r, p.phrase),
    (p) => `Finish your response with the exact phrase "${p.phrase}", with no other words after it.`,
  ),
  kind(
    'title',
    {},
    () => hasTitle,
    () => 'Your answer must contain a title wrapped in double angular brackets, such as <<poem of joy>>.',
  ),
  kind(
    'no_commas',
    {},
    () => (r) => !r.includes(','),
    () => 'Do not use any commas anywhere in your response.',
  ),
  kind(
    'paragraphs',
    { count: positive() },
    (p) => (r) => countParagraphs(r) === p.count,
    (p) =>
      p.count === 1
        ? 'Write exactly 1 paragraph, with no markdown divider ***.'
        : `There should be exactly ${p.count} paragraphs, separated from each other by the markdown divider *** on a line of its own.`,
  ),
  kind(
    'placeholders',
    { min: positive() },
    (p) => (r) => countPlaceholders(r) >= p.min,
    (p) => `The response must contain at least ${p.min} placeholder${p.min === 1 ? '' : 's'} in square brackets, such as [address].`,
  ),
  kind(
    'postscript',
    { marker: text().default('P.S.') },
    (p) => (r) => endsWithPostscript(r, p.marker),
    (p) => `At the end of your response, add a postscript starting with ${p.marker}`,
  ),
  kind(
    'quotation',
    {},
    () => (r) => {
      const t = r.trim();
      return t.length > 1 && t.startsWith('"') && t.endsWith('"');
    },
    () => 'Wrap your entire response in double quotation marks.',
  ),
  kind(
    'highlights',
    { min: positive() },
    (p) => (r) => countHighlights(r) >= p.min,
    (p) => `Highlight at least ${p.min} section${p.min === 1 ? '' : 's'} of your answer with markdown, i.e. *highlighted section*.`,
  ),
]);

/** Every constraint kind, in definition order. */
export const CONSTRAINT_KINDS: readonly string[] = [...KINDS.keys()];

// ---------------------------------------------------------------------------------------------
// Validation

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = isRecord(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** One zod issue of constraint `index` (of kind `name`) as `[index].path: problem`. */
function describeIssue(issue: z.core.$ZodIssue, index: number, name: string, params: unknown, known: readonly string[]): string {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const hint = closest(key, known);
    const help = hint ? `did you mean "${hint}"?` : known.length > 0 ? `${name} takes ${known.join(', ')}` : `${name} takes none`;
    return `[${index}].${key}: unknown parameter of ${name} (${help})`;
  }
  const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  const missing = issue.code === 'invalid_type' && valueAt(params, issue.path) === undefined;
  return `[${index}]${where}: ${missing ? `missing (${issue.message.replace(/^expected /, '')})` : issue.message}`;
}

/** One constraint validated: its parsed form, or a one-line reason starting with `[index]`. */
function parseConstraint(raw: unknown, index: number): Constraint | string {
  if (!isRecord(raw)) return `[${index}]: expected an object { kind, … }`;
  const { kind: name, ...params } = raw;
  if (name === undefined) return `[${index}].kind: missing (one of ${CONSTRAINT_KINDS.join(', ')})`;
  if (typeof name !== 'string') return `[${index}].kind: expected a string`;
  const definition = KINDS.get(name);
  if (definition === undefined) {
    const hint = closest(name, CONSTRAINT_KINDS);
    return `[${index}].kind: unknown kind "${name}" (${hint ? `did you mean "${hint}"?` : `expected one of ${CONSTRAINT_KINDS.join(', ')}`})`;
  }
  const parsed = definition.schema.safeParse(params);
  if (!parsed.success) return describeIssue(parsed.error.issues[0]!, index, name, params, definition.params).replace(/\s+/g, ' ');
  return { kind: name, ...(parsed.data as Record<string, unknown>) };
}

/**
 * Validate an item's `constraints` field: a non-empty list of `{ kind, …parameters }`. Returns the
 * constraints (parameters with their defaults filled in), or a one-line reason starting with the
 * index, e.g. `[1].max: expected a positive integer` (a caller prefixes the field name).
 */
export function parseConstraints(raw: unknown): Constraint[] | string {
  if (!Array.isArray(raw) || raw.length === 0) return ': expected a non-empty list of { kind, … }';
  const out: Constraint[] = [];
  for (const [i, c] of raw.entries()) {
    const parsed = parseConstraint(c, i);
    if (typeof parsed === 'string') return parsed;
    out.push(parsed);
  }
  return out;
}

/** Validate constraints and build their checkers, in order; a string is the reason, as for `parseConstraints`. */
export function compileConstraints(raw: unknown): CompiledConstraint[] | string {
  const constraints = parseConstraints(raw);
  if (typeof constraints === 'string') return constraints;
  return constraints.map((c) => ({ kind: c.kind, check: KINDS.get(c.kind)!.compile(c) }));
}

/** The plain-English instruction a valid constraint stands for; throws INTERNAL for an invalid one. */
export function instructionText(constraint: Constraint): string {
  const parsed = parseConstraint(constraint, 0);
  if (typeof parsed === 'string') throw new RicegradeError('INTERNAL', `invalid constraint ${JSON.stringify(constraint)}: ${parsed}`);
  return KINDS.get(parsed.kind)!.instruction(parsed);
}

// ---------------------------------------------------------------------------------------------
// Strict and loose

/** The texts a constraint is checked on: the response (strict), or IFEval's eight variants (loose). */
export function responseVariants(response: string, mode: CheckMode): string[] {
  if (mode === 'strict') return [response];
  const lines = response.split('\n');
  const withoutFirst = lines.slice(1).join('\n').trim();
  const withoutLast = lines.slice(0, -1).join('\n').trim();
  const withoutBoth = lines.slice(1, -1).join('\n').trim();
  const bases = [response, withoutFirst, withoutLast, withoutBoth];
  return [...bases, ...bases.map((v) => v.replaceAll('*', ''))];
}

/** For each constraint, whether the response follows it in `mode` (blank texts follow nothing). */
export function followed(constraints: readonly CompiledConstraint[], response: string, mode: CheckMode): boolean[] {
  const variants = responseVariants(response, mode).filter((v) => v.trim() !== '');
  return constraints.map((c) => variants.some((v) => c.check(v)));
}
