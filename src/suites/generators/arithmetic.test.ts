import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arithmetic } from './arithmetic.js';
import { checkContract, inputText, sampleItems } from './generator.conformance.js';

checkContract(arithmetic, (item) => String(Number(item.expected) + 1));

/** An independent evaluator of the prompt's expression: recursive descent, ÷ must be exact. */
function evaluate(text: string): number {
  const tokens = text.match(/\d+|[-+×÷()]/g) ?? [];
  assert.equal(tokens.join(''), text.replace(/\s+/g, ''), `only numbers, operators and parentheses in ${text}`);
  let at = 0;
  const peek = () => tokens[at];
  const take = () => tokens[at++]!;
  const primary = (): number => {
    const t = take();
    if (t === '(') {
      const v = sum();
      assert.equal(take(), ')');
      return v;
    }
    assert.match(t, /^\d+$/);
    return Number(t);
  };
  const product = (): number => {
    let v = primary();
    while (peek() === '×' || peek() === '÷') {
      const op = take();
      const r = primary();
      if (op === '×') v *= r;
      else {
        assert.ok(r !== 0 && v % r === 0, `${v} ÷ ${r} is exact in ${text}`);
        v /= r;
      }
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === '+' || peek() === '-') v = take() === '+' ? v + product() : v - product();
    return v;
  };
  const v = sum();
  assert.equal(at, tokens.length, `whole expression parsed: ${text}`);
  return v;
}

test('evaluate: precedence, associativity and parentheses', () => {
  assert.equal(evaluate('2 + 3 × 4'), 14);
  assert.equal(evaluate('10 - 4 - 3'), 3);
  assert.equal(evaluate('10 - (4 - 3)'), 9);
  assert.equal(evaluate('48 ÷ 4 ÷ 2'), 6);
  assert.equal(evaluate('(2 + 3) × (7 - 1) ÷ 3'), 10);
});

/** The answer of a word problem, recomputed from the numbers in its text. */
function solveWordProblem(text: string): number {
  const all = (re: RegExp) => [...text.matchAll(re)].map((m) => m.slice(1).map(Number));
  const one = (re: RegExp) => {
    const m = re.exec(text);
    return m === null ? undefined : Number(m[1]);
  };
  if (text.includes(' bill.')) {
    const spent = all(/(\d+) [a-z]+ at \$(\d+) each/g).reduce((s, [q, p]) => s + q! * p!, 0);
    const bill = one(/pays with a \$(\d+) bill/)!;
    assert.ok(bill > spent, text);
    return bill - spent;
  }
  if (text.includes(' km/h')) {
    const hours = all(/(\d+) km at (\d+) km\/h/g).reduce((s, [d, v]) => s + d! / v!, 0);
    const answer = text.includes('How many minutes') ? hours * 60 : hours;
    assert.ok(Number.isInteger(Math.round(answer * 1e9) / 1e9), text);
    return Math.round(answer);
  }
  const friends = one(/among (\d+) friends/)!;
  const boxes = /has (\d+) boxes of (\d+)/.exec(text);
  const stock = boxes !== null ? Number(boxes[1]) * Number(boxes[2]) + (one(/buys (\d+) more/) ?? 0) : one(/has (\d+) /)!;
  const rest = stock - (one(/keeps (\d+)/) ?? 0);
  assert.ok(rest > 0 && rest % friends === 0, `shared equally: ${text}`);
  return rest / friends;
}

test('arithmetic: every expected answer is right (re-evaluated from the prompt)', () => {
  const templates = new Set<string>();
  for (const item of sampleItems(arithmetic)) {
    const text = inputText(item);
    assert.ok(Number.isSafeInteger(item.expected), `${item.id}: integer answer`);
    if (item.category === 'multi-step') {
      const m = /^What is (.+)\? Answer with the number only\.$/.exec(text);
      assert.ok(m, text);
      assert.equal(evaluate(m[1]!), item.expected, text);
    } else {
      templates.add(text.includes(' bill.') ? 'shopping' : text.includes('km/h') ? 'travel' : 'sharing');
      assert.equal(solveWordProblem(text), item.expected, text);
    }
  }
  assert.deepEqual([...templates].sort(), ['sharing', 'shopping', 'travel']);
});

test('arithmetic: difficulty scales the number of steps and the size of numbers', () => {
  const stats = ([1, 2, 3] as const).map((difficulty) => {
    const items = arithmetic.generate({ seed: 17, n: 200, difficulty }).filter((i) => i.category === 'multi-step');
    const ops = items.map((i) => (inputText(i).match(/ [-+×÷] /g) ?? []).length);
    const biggest = Math.max(...items.flatMap((i) => (inputText(i).match(/\d+/g) ?? []).map(Number)));
    return { minOps: Math.min(...ops), maxOps: Math.max(...ops), biggest, parens: items.filter((i) => inputText(i).includes('(')).length };
  });
  assert.deepEqual(stats.map((s) => [s.minOps, s.maxOps]), [[2, 2], [3, 3], [4, 5]]);
  assert.ok(stats[0]!.biggest <= 20 && stats[1]!.biggest < stats[2]!.biggest);
  assert.ok(stats.every((s) => s.parens > 0), 'parentheses at every level');
});
