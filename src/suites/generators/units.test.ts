import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkContract, inputText, sampleItems } from './generator.conformance.js';
import { units } from './units.js';

checkContract(units, (item) => String(Number(item.expected) + 1));

/** Each unit in its base unit (m, g, s), independent of the generator's code. */
const BASE: Record<string, [string, number]> = {
  km: ['length', 1000],
  m: ['length', 1],
  inches: ['length', 0.0254],
  centimetres: ['length', 0.01],
  kg: ['mass', 1000],
  g: ['mass', 1],
  hours: ['time', 3600],
  minutes: ['time', 60],
};

function convert(value: number, from: string, to: string): number {
  if (from === '°C' && to === '°F') return value * 1.8 + 32;
  if (from === '°F' && to === '°C') return (value - 32) / 1.8;
  const [dimFrom, f] = BASE[from]!;
  const [dimTo, t] = BASE[to]!;
  assert.equal(dimFrom, dimTo, `${from} → ${to}`);
  return (value * f) / t;
}

test('units: every expected answer is right (recomputed through base units)', () => {
  for (const item of sampleItems(units)) {
    const text = inputText(item);
    const m = /^Convert (-?\d+(?:\.\d+)?) (\S+) to ([^\s.(]+)[ .]/.exec(text);
    assert.ok(m, text);
    const [, value, from, to] = m;
    const dimension = from!.startsWith('°') ? 'temperature' : BASE[from!]![0];
    assert.equal(item.category, dimension, text);
    const exact = convert(Number(value), from!, to!);
    assert.equal(typeof item.expected, 'number');
    if (text.includes('Round to 2 decimal places')) {
      assert.equal(item.expected, Number(exact.toFixed(2)), text);
    } else {
      assert.ok(Math.abs(Number(item.expected) - exact) < 1e-9, `${text} → ${exact}, got ${item.expected}`);
      assert.ok(Math.abs(exact * 1000 - Math.round(exact * 1000)) < 1e-6, `exact answer has at most 3 decimals: ${text}`);
    }
  }
});

test('units: every conversion direction comes up', () => {
  const pairs = new Set(
    sampleItems(units, 100, [1, 2]).map((item) => {
      const m = /^Convert \S+ (\S+) to ([^\s.(]+)/.exec(inputText(item))!;
      return `${m[1]}>${m[2]}`;
    }),
  );
  assert.deepEqual([...pairs].sort(), ['g>kg', 'hours>minutes', 'inches>centimetres', 'kg>g', 'km>m', 'm>km', 'minutes>hours', '°C>°F', '°F>°C'].sort());
});
