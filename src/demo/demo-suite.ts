import { seededRandom } from '../analysis/random.js';
import type { Item } from '../types.js';

export const DEMO_CATEGORIES = ['addition', 'multiplication', 'multi-step', 'word-problem'] as const;
export type DemoCategory = (typeof DEMO_CATEGORIES)[number];

/** A demo item with its answer as a number, so the simulated market can answer it right or wrong. */
export interface DemoItem extends Item {
  input: string;
  expected: number;
  category: DemoCategory;
}

const NAMES = ['Ada', 'Bo', 'Chen', 'Dara', 'Eli', 'Femi', 'Gus', 'Hana'];
const THINGS = ['apples', 'crates', 'tickets', 'books', 'cables', 'mugs'];

/** A small, deterministic arithmetic suite in four categories of rising difficulty. */
export function demoItems(perCategory = 30, seed = 7): DemoItem[] {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const items: DemoItem[] = [];
  for (let i = 0; i < perCategory; i++) {
    const a = int(10, 999);
    const b = int(10, 999);
    items.push({ id: `add-${i}`, category: 'addition', input: `What is ${a} + ${b}? Answer with the number only.`, expected: a + b });
    const c = int(12, 99);
    const d = int(12, 99);
    items.push({ id: `mul-${i}`, category: 'multiplication', input: `What is ${c} * ${d}? Answer with the number only.`, expected: c * d });
    const e = int(2, 30);
    const f = int(2, 30);
    const g = int(2, 200);
    items.push({ id: `multi-${i}`, category: 'multi-step', input: `Compute (${e} * ${f}) - ${g}. Answer with the number only.`, expected: e * f - g });
    const who = NAMES[int(0, NAMES.length - 1)]!;
    const what = THINGS[int(0, THINGS.length - 1)]!;
    const boxes = int(3, 20);
    const per = int(4, 24);
    const gave = int(1, boxes * per - 1);
    items.push({
      id: `word-${i}`,
      category: 'word-problem',
      input: `${who} has ${boxes} boxes of ${what} with ${per} in each box, and gives away ${gave}. How many ${what} are left? End with "The answer is N".`,
      expected: boxes * per - gave,
    });
  }
  return items;
}
