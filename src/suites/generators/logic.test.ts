import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkContract, inputText, sampleItems } from './generator.conformance.js';
import { logic } from './logic.js';

/** The names the puzzle introduces: "A, B and C". */
function namesOf(list: string): string[] {
  return list.split(/, | and /);
}

checkContract(logic, (item) => {
  // Another person of the same puzzle.
  const m = /(?:people,|meet) ([A-Z][a-z]+(?:, [A-Z][a-z]+)* and [A-Z][a-z]+)/.exec(inputText(item))!;
  return namesOf(m[1]!).find((n) => n !== item.expected)!;
});

function permutations<T>(values: readonly T[]): T[][] {
  if (values.length <= 1) return [[...values]];
  return values.flatMap((v, i) => permutations([...values.slice(0, i), ...values.slice(i + 1)]).map((rest) => [v, ...rest]));
}

/** Every answer an ordering puzzle allows, found by trying every ordering of its people against its clues. */
function solveOrdering(text: string): Set<string> {
  const header = /^\w+ people, (.+), (?:compare their heights|compare their ages|run a race)\. No two are the same\./.exec(text);
  assert.ok(header, text);
  const names = namesOf(header[1]!);
  const pairs: [string, string][] = [];
  const question = /Who is the (?:(\d+)(?:st|nd|rd|th) )?(\w+)\? Answer with the name only\.$/.exec(text);
  assert.ok(question, text);
  const superlative = question[2]!;
  const [more, less, most, least] = (
    [
      ['taller', 'shorter', 'tallest', 'shortest'],
      ['older', 'younger', 'oldest', 'youngest'],
      ['faster', 'slower', 'fastest', 'slowest'],
    ] as const
  ).find((t) => t.includes(superlative as never))!;
  for (const m of text.matchAll(/^- (\w+) is (\w+) than (\w+)\.$/gm)) {
    const [, a, rel, b] = m;
    assert.ok(names.includes(a!) && names.includes(b!), m[0]);
    if (rel === more) pairs.push([a!, b!]);
    else if (rel === less) pairs.push([b!, a!]);
    else assert.fail(`unexpected relation ${rel}`);
  }
  assert.ok(pairs.length > 0, text);
  const rank = superlative === least ? names.length - 1 : question[1] !== undefined ? Number(question[1]) - 1 : 0;
  assert.ok(superlative === least || superlative === most);
  const answers = new Set<string>();
  // order[0] ranks highest.
  for (const order of permutations(names)) {
    if (pairs.every(([hi, lo]) => order.indexOf(hi) < order.indexOf(lo))) answers.add(order[rank]!);
  }
  return answers;
}

/** Every knight/knave assignment consistent with the puzzle text, including its "exactly one" hint. */
function solveKnights(text: string): { names: string[]; kind: string; solutions: Map<string, boolean>[] } {
  const header = /You meet (.+)\.\n/.exec(text);
  assert.ok(header, text);
  const names = namesOf(header[1]!);
  const claims = [...text.matchAll(/^(\w+) says: "(.+)"$/gm)].map((m) => ({ speaker: m[1]!, claim: m[2]! }));
  assert.deepEqual(
    claims.map((c) => c.speaker),
    names,
    'each person speaks once',
  );
  const hint = /Exactly one of them is a (knight|knave)\. Who is the \1\?/.exec(text);
  assert.ok(hint, text);
  const kind = hint[1]!;
  const solutions: Map<string, boolean>[] = [];
  for (let mask = 0; mask < 1 << names.length; mask++) {
    const knight = new Map(names.map((n, i) => [n, ((mask >> i) & 1) === 1]));
    const truth = (speaker: string, claim: string): boolean => {
      const who = (n: string) => {
        const person = n === 'I' ? speaker : n;
        assert.ok(knight.has(person), `${n} in ${claim}`);
        return knight.get(person)!;
      };
      let m: RegExpExecArray | null;
      if ((m = /^(\w+) is a (knight|knave)\.$/.exec(claim))) return who(m[1]!) === (m[2] === 'knight');
      if ((m = /^(\w+) and (\w+) are both (knights|knaves)\.$/.exec(claim))) {
        const want = m[3] === 'knights';
        return who(m[1]!) === want && who(m[2]!) === want;
      }
      if ((m = /^At least one of (\w+) and (\w+) is a knave\.$/.exec(claim))) return !who(m[1]!) || !who(m[2]!);
      if ((m = /^(\w+) and (\w+) are the same kind\.$/.exec(claim))) return who(m[1]!) === who(m[2]!);
      if ((m = /^(\w+) and (\w+) are different kinds\.$/.exec(claim))) return who(m[1]!) !== who(m[2]!);
      return assert.fail(`unparsed claim: ${claim}`);
    };
    const consistent = claims.every(({ speaker, claim }) => truth(speaker, claim) === knight.get(speaker));
    const ofKind = names.filter((n) => knight.get(n) === (kind === 'knight')).length;
    if (consistent && ofKind === 1) solutions.push(knight);
  }
  return { names, kind, solutions };
}

test('logic: every puzzle has exactly one answer, the expected one (brute-forced from the prompt)', () => {
  const forms = new Set<string>();
  for (const item of sampleItems(logic)) {
    const text = inputText(item);
    if (item.category === 'ordering') {
      assert.deepEqual([...solveOrdering(text)], [item.expected], text);
    } else {
      const { names, kind, solutions } = solveKnights(text);
      assert.equal(solutions.length, 1, text);
      const answer = names.filter((n) => solutions[0]!.get(n) === (kind === 'knight'));
      assert.deepEqual(answer, [item.expected], text);
      for (const m of text.matchAll(/says: "(.+)"/g)) forms.add(m[1]!.replace(/[A-Z][a-z]+|\bI\b/g, 'X'));
    }
  }
  assert.ok(forms.size >= 6, `statement forms used: ${[...forms].join(' | ')}`);
});

test('logic: difficulty adds people', () => {
  for (const difficulty of [1, 2, 3] as const) {
    for (const item of logic.generate({ seed: 8, n: 20, difficulty })) {
      const m = /(?:people,|meet) ([A-Z][a-z]+(?:, [A-Z][a-z]+)* and [A-Z][a-z]+)/.exec(inputText(item))!;
      assert.equal(namesOf(m[1]!).length, item.category === 'ordering' ? difficulty + 2 : difficulty + 1, inputText(item));
    }
  }
});

test('logic: the solver rejects a puzzle with two answers', () => {
  const text = 'Three people, Ada, Bo and Chen, compare their heights. No two are the same.\n- Ada is taller than Bo.\nWho is the tallest? Answer with the name only.';
  assert.deepEqual([...solveOrdering(text)].sort(), ['Ada', 'Chen']);
});
