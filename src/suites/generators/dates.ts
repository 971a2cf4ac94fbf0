/** `dates`: calendar arithmetic on the proleptic Gregorian calendar, computed with UTC Date math. */
import { generateItems, type Draft, type Rng } from '../common.js';
import type { Difficulty, Generator } from '../types.js';

const CATEGORIES = ['add-days', 'weekday', 'days-between'] as const;

const DAY_MS = 86_400_000;

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Days since 1970-01-01 of a calendar date (month 1–12). */
function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** A day number as YYYY-MM-DD (years 1000–9999). */
function formatDay(n: number): string {
  const date = new Date(n * DAY_MS);
  const pad = (v: number, width: number) => String(v).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

interface DateLevel {
  years: [number, number];
  /** Largest day offset (add-days) or span (days-between). */
  span: number;
  /** Whether add-days may go backwards. */
  before: boolean;
}

const LEVELS: Record<Difficulty, DateLevel> = {
  1: { years: [2000, 2030], span: 60, before: false },
  2: { years: [1950, 2050], span: 400, before: true },
  3: { years: [1700, 2300], span: 5000, before: true },
};

/** A uniformly random day in the level's year range; leap days come up at their natural rate. */
function randomDay(rng: Rng, level: DateLevel): number {
  return rng.int(dayNumber(level.years[0], 1, 1), dayNumber(level.years[1], 12, 31));
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

function addDays(rng: Rng, level: DateLevel): Draft {
  const start = randomDay(rng, level);
  const offset = rng.int(1, level.span);
  const back = level.before && rng.chance(0.4);
  return {
    input: `What date is ${days(offset)} ${back ? 'before' : 'after'} ${formatDay(start)}? Answer with the date only, in YYYY-MM-DD format.`,
    expected: formatDay(back ? start - offset : start + offset),
  };
}

function weekday(rng: Rng, level: DateLevel): Draft {
  const day = randomDay(rng, level);
  // 1970-01-01 was a Thursday; getUTCDay counts from Sunday.
  const name = WEEKDAYS[new Date(day * DAY_MS).getUTCDay()]!;
  return {
    input: `On which day of the week does ${formatDay(day)} fall? Answer with the weekday name only (e.g. Monday).`,
    expected: name,
  };
}

function daysBetween(rng: Rng, level: DateLevel): Draft {
  const from = randomDay(rng, level);
  const to = from + rng.int(1, level.span);
  return {
    input: `How many days are there from ${formatDay(from)} to ${formatDay(to)}? (From 2020-01-01 to 2020-01-02 is 1 day.) Answer with the number only.`,
    expected: String(to - from),
  };
}

export const dates: Generator = {
  name: 'dates',
  description: 'date arithmetic: a date N days after/before another, the weekday of a date, days between two dates',
  scorer: { name: 'exact' },
  categories: CATEGORIES,
  generate: (options) =>
    generateItems('dates', CATEGORIES, options, (category, rng, difficulty) => {
      const level = LEVELS[difficulty];
      if (category === 'add-days') return addDays(rng, level);
      if (category === 'weekday') return weekday(rng, level);
      return daysBetween(rng, level);
    }),
};
