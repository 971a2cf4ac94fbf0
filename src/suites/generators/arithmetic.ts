/** `arithmetic`: multi-step integer expressions and word problems, with exact integer answers. */
import { RicegradeError } from '../../errors.js';
import { generateItems, listText, NAMES, type Draft, type Rng } from '../common.js';
import type { Difficulty, Generator } from '../types.js';

const CATEGORIES = ['multi-step', 'word-problem'] as const;

type Op = '+' | '-' | '×' | '÷';
type Node = { kind: 'num'; value: number } | { kind: 'op'; op: Op; left: Node; right: Node; value: number };

const PRECEDENCE: Record<Op, number> = { '+': 1, '-': 1, '×': 2, '÷': 2 };

interface ExpressionLevel {
  ops: [number, number];
  leaf: [number, number];
  /** Largest small factor of a product and largest divisor. */
  factor: number;
  /** Largest |value| of any subexpression. */
  cap: number;
}

const EXPRESSION: Record<Difficulty, ExpressionLevel> = {
  1: { ops: [2, 2], leaf: [1, 20], factor: 12, cap: 1_000 },
  2: { ops: [3, 3], leaf: [2, 99], factor: 20, cap: 100_000 },
  3: { ops: [4, 5], leaf: [10, 999], factor: 40, cap: 10_000_000 },
};

function apply(op: Op, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '×':
      return a * b;
    case '÷':
      return a / b;
  }
}

function combine(op: Op, left: Node, right: Node): Node {
  return { kind: 'op', op, left, right, value: apply(op, left.value, right.value) };
}

/** An expression tree with `ops` operators; every division is exact (its divisor is a leaf). */
function buildTree(rng: Rng, ops: number, level: ExpressionLevel): Node {
  if (ops === 0) return { kind: 'num', value: rng.int(level.leaf[0], level.leaf[1]) };
  const op = rng.pick<Op>(['+', '-', '×', '÷']);
  if (op === '×' || op === '÷') {
    const sub = buildTree(rng, ops - 1, level);
    if (op === '÷') {
      const divisors: number[] = [];
      for (let d = 2; d <= level.factor; d++) if (sub.value !== 0 && sub.value % d === 0) divisors.push(d);
      if (divisors.length > 0) return combine('÷', sub, { kind: 'num', value: rng.pick(divisors) });
    }
    const factor: Node = { kind: 'num', value: rng.int(2, level.factor) };
    return rng.chance(0.5) ? combine('×', sub, factor) : combine('×', factor, sub);
  }
  const leftOps = rng.int(0, ops - 1);
  return combine(op, buildTree(rng, leftOps, level), buildTree(rng, ops - 1 - leftOps, level));
}

/** The tree as text with only the parentheses precedence and left-associativity require. */
function renderExpression(node: Node): string {
  if (node.kind === 'num') return String(node.value);
  const side = (child: Node, right: boolean): string => {
    const text = renderExpression(child);
    if (child.kind === 'num') return text;
    const p = PRECEDENCE[child.op];
    const q = PRECEDENCE[node.op];
    return p < q || (right && p === q) ? `(${text})` : text;
  };
  return `${side(node.left, false)} ${node.op} ${side(node.right, true)}`;
}

function withinCap(node: Node, cap: number): boolean {
  if (!Number.isSafeInteger(node.value) || Math.abs(node.value) > cap) return false;
  return node.kind === 'num' || (withinCap(node.left, cap) && withinCap(node.right, cap));
}

function hasParentheses(text: string): boolean {
  return text.includes('(');
}

function multiStep(rng: Rng, difficulty: Difficulty): Draft {
  const level = EXPRESSION[difficulty];
  for (let attempt = 0; attempt < 1000; attempt++) {
    const tree = buildTree(rng, rng.int(level.ops[0], level.ops[1]), level);
    if (!withinCap(tree, level.cap)) continue;
    if (difficulty === 1 && tree.value < 0) continue;
    const text = renderExpression(tree);
    // From difficulty 2 on, most expressions need parentheses.
    if (difficulty > 1 && !hasParentheses(text) && rng.chance(0.7)) continue;
    return { input: `What is ${text}? Answer with the number only.`, expected: tree.value };
  }
  throw new RicegradeError('INTERNAL', 'arithmetic: could not draw an expression');
}

const GOODS = ['notebooks', 'pens', 'apples', 'tickets', 'mugs', 'cables', 'lamps', 'books'];
const THINGS = ['marbles', 'stickers', 'cookies', 'cards', 'coins', 'shells'];
const VEHICLES = ['train', 'bus', 'truck', 'ferry', 'car'];
const BILLS = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

const ANSWER_FORMAT = 'End with "The answer is N".';

/** Shopping: quantities at unit prices, paid with the smallest bill that covers it; the change. */
function shopping(rng: Rng, difficulty: Difficulty): Draft {
  const who = rng.pick(NAMES);
  const lines = difficulty;
  const maxQty = [5, 9, 15][difficulty - 1]!;
  const maxPrice = [10, 25, 60][difficulty - 1]!;
  const goods = rng.sample(GOODS, lines);
  let total = 0;
  const parts = goods.map((good) => {
    const qty = rng.int(2, maxQty);
    const price = rng.int(1, maxPrice);
    total += qty * price;
    return `${qty} ${good} at $${price} each`;
  });
  const bill = BILLS.find((b) => b > total) ?? total + 1;
  return {
    input: `${who} buys ${listText(parts)}, and pays with a $${bill} bill. How much change, in dollars, does ${who} get? ${ANSWER_FORMAT}`,
    expected: bill - total,
  };
}

/** Travel time: legs of a trip at constant speeds; the total time in hours (or minutes at level 3). */
function travel(rng: Rng, difficulty: Difficulty): Draft {
  const vehicle = rng.pick(VEHICLES);
  const legs: string[] = [];
  let total = 0;
  for (let i = 0; i < difficulty; i++) {
    if (difficulty < 3) {
      const speed = 10 * rng.int(3, 12);
      const hours = rng.int(1, 6);
      legs.push(`${speed * hours} km at ${speed} km/h`);
      total += hours;
    } else {
      const speed = 4 * rng.int(8, 30);
      const minutes = 15 * rng.int(1, 12);
      legs.push(`${(speed * minutes) / 60} km at ${speed} km/h`);
      total += minutes;
    }
  }
  const unit = difficulty < 3 ? 'hours' : 'minutes';
  return {
    input: `A ${vehicle} travels ${legs.join(', then ')}. How many ${unit} does the whole trip take? ${ANSWER_FORMAT}`,
    expected: total,
  };
}

/** Sharing: a stock (boxes at level 2+, plus a purchase at level 3), some kept, the rest shared equally. */
function sharing(rng: Rng, difficulty: Difficulty): Draft {
  const who = rng.pick(NAMES);
  const thing = rng.pick(THINGS);
  const friends = rng.int(2, [5, 9, 12][difficulty - 1]!);
  if (difficulty === 1) {
    const each = rng.int(2, 12);
    return {
      input: `${who} has ${friends * each} ${thing} and shares them equally among ${friends} friends. How many ${thing} does each friend get? ${ANSWER_FORMAT}`,
      expected: each,
    };
  }
  const boxes = rng.int(3, difficulty === 2 ? 12 : 30);
  const per = rng.int(6, difficulty === 2 ? 24 : 48);
  const bought = difficulty === 3 ? rng.int(5, 60) : 0;
  const stock = boxes * per + bought;
  let keep = (stock % friends) + friends * rng.int(0, 2);
  if (keep === 0) keep = friends;
  if (keep >= stock) keep = stock % friends || friends;
  const each = (stock - keep) / friends;
  const purchase = bought > 0 ? `, then buys ${bought} more` : '';
  return {
    input: `${who} has ${boxes} boxes of ${per} ${thing}${purchase}. ${who} keeps ${keep} and shares the rest equally among ${friends} friends. How many ${thing} does each friend get? ${ANSWER_FORMAT}`,
    expected: each,
  };
}

const TEMPLATES = [shopping, travel, sharing];

export const arithmetic: Generator = {
  name: 'arithmetic',
  description: 'multi-step integer arithmetic (+ − × ÷, parentheses) and word problems (shopping, travel time, sharing)',
  scorer: { name: 'numeric' },
  categories: CATEGORIES,
  generate: (options) =>
    generateItems('arithmetic', CATEGORIES, options, (category, rng, difficulty) =>
      category === 'multi-step' ? multiStep(rng, difficulty) : rng.pick(TEMPLATES)(rng, difficulty),
    ),
};
