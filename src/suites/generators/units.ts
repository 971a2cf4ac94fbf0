/** `units`: unit conversions with exact answers (or rounded to 2 decimals where stated). */
import { generateItems, type Draft, type Rng } from '../common.js';
import type { Difficulty, Generator } from '../types.js';

const CATEGORIES = ['length', 'mass', 'time', 'temperature'] as const;

const FORMAT = 'Answer with the number only.';

/** `units / 10^places` as a short decimal string, computed on integers (no float noise). */
function decimal(units: number, places: number): string {
  if (places === 0) return String(units);
  const sign = units < 0 ? '-' : '';
  const digits = String(Math.abs(units)).padStart(places + 1, '0');
  const whole = digits.slice(0, -places);
  const fraction = digits.slice(-places).replace(/0+$/, '');
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/** Decimal places of the quantity converted, by difficulty. */
const PLACES: Record<Difficulty, number> = { 1: 0, 2: 1, 3: 3 };

/**
 * A metric pair (km/m, kg/g): the big unit with up to 3 decimals to the small unit, or an integer
 * amount of the small unit to the big one. `value` is kept as an integer count of the small unit.
 */
function metric(rng: Rng, difficulty: Difficulty, big: string, small: string): Draft {
  const places = PLACES[difficulty];
  const max = [50, 200, 5000][difficulty - 1]!;
  // In thousandths of the big unit = small units; rounded to the level's decimals.
  const step = 10 ** (3 - places);
  const smallUnits = rng.int(1, max * (1000 / step)) * step;
  if (rng.chance(0.5)) {
    return { input: `Convert ${decimal(smallUnits, 3)} ${big} to ${small}. ${FORMAT}`, expected: smallUnits };
  }
  return { input: `Convert ${smallUnits} ${small} to ${big}. ${FORMAT}`, expected: smallUnits / 1000 };
}

function inches(rng: Rng, difficulty: Difficulty): Draft {
  // Tenths of an inch at level 3, whole inches otherwise; 1 in = 2.54 cm exactly.
  const tenths = difficulty === 3 ? rng.int(11, 999) : 10 * rng.int(1, difficulty === 1 ? 24 : 100);
  // tenths × 254 is even, so the third decimal of the result is never 5: rounding has no ties.
  const centiCm = Math.round((tenths * 254) / 10);
  return {
    input: `Convert ${decimal(tenths, 1)} inches to centimetres (1 inch = 2.54 cm). Round to 2 decimal places. ${FORMAT}`,
    expected: centiCm / 100,
  };
}

function length(rng: Rng, difficulty: Difficulty): Draft {
  return rng.chance(0.7) ? metric(rng, difficulty, 'km', 'm') : inches(rng, difficulty);
}

function mass(rng: Rng, difficulty: Difficulty): Draft {
  return metric(rng, difficulty, 'kg', 'g');
}

function time(rng: Rng, difficulty: Difficulty): Draft {
  // Minutes that are whole hours (1), quarter hours (2) or tenths of an hour (3).
  const unit = [60, 15, 6][difficulty - 1]!;
  const minutes = unit * rng.int(1, [12, 48, 400][difficulty - 1]!);
  if (rng.chance(0.5)) {
    return { input: `Convert ${decimal((minutes * 100) / 60, 2)} hours to minutes. ${FORMAT}`, expected: minutes };
  }
  return { input: `Convert ${minutes} minutes to hours. ${FORMAT}`, expected: minutes / 60 };
}

function temperature(rng: Rng, difficulty: Difficulty): Draft {
  // Celsius multiples of 5 map to whole Fahrenheit degrees (F = C × 9/5 + 32).
  const [lo, hi] = ([[0, 20], [-8, 40], [-40, 200]] as const)[difficulty - 1]!;
  const k = rng.int(lo, hi);
  const celsius = 5 * k;
  const fahrenheit = 9 * k + 32;
  if (rng.chance(0.6)) {
    return { input: `Convert ${celsius} °C to °F. ${FORMAT}`, expected: fahrenheit };
  }
  return { input: `Convert ${fahrenheit} °F to °C. ${FORMAT}`, expected: celsius };
}

export const units: Generator = {
  name: 'units',
  description: 'unit conversion: km↔m, inches→cm, kg↔g, hours↔minutes, °C↔°F',
  scorer: { name: 'numeric', tolerance: 0.01 },
  categories: CATEGORIES,
  generate: (options) =>
    generateItems('units', CATEGORIES, options, (category, rng, difficulty) => {
      if (category === 'length') return length(rng, difficulty);
      if (category === 'mass') return mass(rng, difficulty);
      if (category === 'time') return time(rng, difficulty);
      return temperature(rng, difficulty);
    }),
};
