import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dates } from './dates.js';
import { checkContract, inputText, sampleItems } from './generator.conformance.js';

const NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Independent calendar: Gregorian leap rule and day-by-day stepping, no Date. */
type Ymd = [number, number, number];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const parse = (text: string): Ymd => text.split('-').map(Number) as Ymd;
const show = ([y, m, d]: Ymd) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const before = (a: Ymd, b: Ymd) => a[0] * 10000 + a[1] * 100 + a[2] < b[0] * 10000 + b[1] * 100 + b[2];

function step([y, m, d]: Ymd, dir: 1 | -1): Ymd {
  if (dir === 1) {
    if (d < monthDays(y, m)) return [y, m, d + 1];
    return m < 12 ? [y, m + 1, 1] : [y + 1, 1, 1];
  }
  if (d > 1) return [y, m, d - 1];
  return m > 1 ? [y, m - 1, monthDays(y, m - 1)] : [y - 1, 12, 31];
}

/** Weekday by Sakamoto's method. */
function weekday([y0, m, d]: Ymd): string {
  const t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const y = m < 3 ? y0 - 1 : y0;
  return NAMES[(y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + t[m - 1]! + d) % 7]!;
}

checkContract(dates, (item) => {
  const e = String(item.expected);
  if (item.category === 'weekday') return NAMES[(NAMES.indexOf(e) + 1) % 7]!;
  if (item.category === 'add-days') return show(step(parse(e), 1));
  return String(Number(e) + 1);
});

test('independent calendar: known dates', () => {
  assert.equal(weekday([2019, 7, 4]), 'Thursday');
  assert.equal(weekday([2000, 2, 29]), 'Tuesday');
  assert.equal(show(step([1900, 2, 28], 1)), '1900-03-01');
  assert.equal(show(step([2000, 2, 28], 1)), '2000-02-29');
  assert.equal(show(step([2024, 3, 1], -1)), '2024-02-29');
});

test('dates: every expected answer is right (recomputed day by day)', () => {
  for (const item of sampleItems(dates)) {
    const text = inputText(item);
    const expected = item.expected;
    assert.equal(typeof expected, 'string', `${item.id}: canonical string answer`);
    if (item.category === 'add-days') {
      const m = /^What date is (\d+) days? (after|before) (\d{4}-\d{2}-\d{2})\? Answer with the date only, in YYYY-MM-DD format\.$/.exec(text);
      assert.ok(m, text);
      let date = parse(m[3]!);
      for (let i = 0; i < Number(m[1]); i++) date = step(date, m[2] === 'after' ? 1 : -1);
      assert.equal(expected, show(date), text);
      assert.match(String(expected), /^\d{4}-\d{2}-\d{2}$/);
    } else if (item.category === 'weekday') {
      const m = /^On which day of the week does (\d{4}-\d{2}-\d{2}) fall\? Answer with the weekday name only/.exec(text);
      assert.ok(m, text);
      assert.equal(expected, weekday(parse(m[1]!)), text);
    } else {
      const m = /^How many days are there from (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})\?.*Answer with the number only\.$/.exec(text);
      assert.ok(m, text);
      let date = parse(m[1]!);
      const end = parse(m[2]!);
      let count = 0;
      while (before(date, end)) {
        date = step(date, 1);
        count += 1;
      }
      assert.equal(expected, String(count), text);
      assert.match(String(expected), /^[1-9]\d*$/);
    }
  }
});

test('dates: leap days come up, and difficulty widens the ranges', () => {
  const items = sampleItems(dates, 300, [1, 2, 3]);
  assert.ok(items.some((item) => inputText(item).includes('-02-29') || item.expected?.toString().endsWith('-02-29')));
  const years = (difficulty: 1 | 2 | 3) =>
    dates.generate({ seed: 4, n: 300, difficulty }).flatMap((item) => (inputText(item).match(/\b\d{4}(?=-\d{2}-\d{2})/g) ?? []).map(Number));
  const spread = (ys: number[]) => Math.max(...ys) - Math.min(...ys);
  assert.ok(spread(years(1)) < spread(years(2)) && spread(years(2)) < spread(years(3)));
});
