/**
 * Reading the number a model answered out of free text.
 *
 * A number token is, in order:
 * - an optional sign (`-`, `+`, `−`), which only counts when it does not follow a letter or digit:
 *   `2024-05-01` is three numbers, not 2024, -5 and -1; `COVID-19` is 19;
 * - an optional currency symbol (`$`, `€`, `£`), possibly followed by a sign (`$-5`);
 * - a body: `\frac{a}{b}` (also `\dfrac`, `\tfrac`), a fraction `a/b` (not part of a date like
 *   `1/2/2024`), or a decimal: digits with optional thousands separators in groups of three
 *   (`1,234,567`, LaTeX `1{,}234`), an optional fraction part (`.5`, `3.`, `3.25`) and an optional
 *   exponent (`1e3`, `2.5E-4`).
 * Whatever follows (`%`, `apples`, `**`, a sentence-ending `.`) is ignored; `50%` reads as 50.
 * A token never starts right after a digit or after `digit.`, so `1,2345` reads as 1 and 2345
 * and a version `1.2.3` as 1.2 only.
 *
 * The answer is the first number after the LAST answer marker (`answer is`, `answer:`,
 * `final answer`, `\boxed{`, or `####` on a line with no letters, as in GSM8K's `#### 72`), or, when
 * there is no marker or no number after the last one, the last number of the text.
 */

const SIGN = String.raw`[-+\u2212]`;
const GROUPED = String.raw`\d{1,3}(?:(?:,|\{,\})\d{3})+(?!\d)`;
const TOKEN = [
  String.raw`(?<!\d|\d\.)`, // not glued to a preceding number
  String.raw`(?:(?<!\w)(${SIGN}))?`, // 1: sign, not after a letter or digit
  String.raw`(?:[$€£]\s?(${SIGN})?)?`, // 2: sign after a currency symbol
  '(?:',
  String.raw`\\[dt]?frac\s*\{\s*(\d+)\s*\}\s*\{\s*(\d+)\s*\}`, // 3, 4: \frac{a}{b}
  String.raw`|(?<![/\d])(\d+)/(\d+)(?![/\d])`, // 5, 6: a/b
  String.raw`|((?:${GROUPED}|\d+)(?:\.\d*)?(?:[eE][-+]?\d+)?|(?<![.\d])\.\d+(?:[eE][-+]?\d+)?)`, // 7
  ')',
].join('');

const NUMBER_RE = new RegExp(TOKEN, 'g');
const SEPARATORS = /\{,\}|,/g;
const MARKER_RE = /\banswer\s+is\b|\banswer\s*\**\s*:|\\boxed\s*\{|\bfinal\s+answer\b/gi;

/**
 * The position after the last GSM8K-style `####` marker: one followed, on its line, by a digit and no
 * letter. Found line by line in linear time (a lookahead regex would rescan each line once per `####`).
 */
function afterLastHashMarker(text: string): number {
  let found = -1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let lastLetter = -1;
    let lastDigit = -1;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) lastLetter = i;
      else if (c >= 48 && c <= 57) lastDigit = i;
    }
    if (lastDigit >= 0) {
      const p = text.lastIndexOf('####', lastDigit - 4);
      if (p >= start && p + 4 > lastLetter) found = p + 4;
    }
    start = end + 1;
  }
  return found;
}

function isMinus(sign: string | undefined): boolean {
  return sign === '-' || sign === '\u2212';
}

function tokenValue(m: RegExpExecArray): number {
  let value: number;
  if (m[3] !== undefined) value = Number(m[3]) / Number(m[4]);
  else if (m[5] !== undefined) value = Number(m[5]) / Number(m[6]);
  else {
    const raw = m[7] ?? '';
    value = Number(raw.includes(',') ? raw.replace(SEPARATORS, '') : raw);
  }
  return isMinus(m[1]) !== isMinus(m[2]) ? -value : value;
}

/** The first number in `text` at or after `from`, or undefined. */
export function firstNumber(text: string, from = 0): number | undefined {
  NUMBER_RE.lastIndex = from;
  const m = NUMBER_RE.exec(text);
  NUMBER_RE.lastIndex = 0;
  return m === null ? undefined : tokenValue(m);
}

/** The last number in `text`, or undefined. */
export function lastNumber(text: string): number | undefined {
  NUMBER_RE.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  for (let m = NUMBER_RE.exec(text); m !== null; m = NUMBER_RE.exec(text)) last = m;
  NUMBER_RE.lastIndex = 0;
  return last === null ? undefined : tokenValue(last);
}

/** The number the text answers (see the module comment), or undefined when it has none. */
export function extractAnswerNumber(text: string): number | undefined {
  MARKER_RE.lastIndex = 0;
  let afterMarker = -1;
  while (MARKER_RE.exec(text) !== null) afterMarker = MARKER_RE.lastIndex;
  MARKER_RE.lastIndex = 0;
  if (text.includes('####')) afterMarker = Math.max(afterMarker, afterLastHashMarker(text));
  if (afterMarker >= 0) {
    const answered = firstNumber(text, afterMarker);
    if (answered !== undefined) return answered;
  }
  return lastNumber(text);
}
