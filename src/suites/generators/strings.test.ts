import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkContract, inputText, sampleItems } from './generator.conformance.js';
import { strings } from './strings.js';

checkContract(strings, (item) => {
  const e = String(item.expected);
  if (/^\d+$/.test(e)) return String(Number(e) + 1);
  if (item.category === 'sort-words') return e.split(' ').reverse().join(' ');
  return e.length === 1 ? (e === 'z' ? 'a' : 'z') : `${e}s`;
});

/** Independent re-implementations of each task. */
function reverseByIndex(text: string): string {
  let out = '';
  for (let i = text.length - 1; i >= 0; i--) out += text.charAt(i);
  return out;
}

test('strings: every expected answer is right (recomputed another way)', () => {
  for (const item of sampleItems(strings)) {
    const text = inputText(item);
    const quoted = /"([^"]+)"/g;
    const args = [...text.matchAll(quoted)].map((m) => m[1]!);
    assert.ok(args.length > 0, text);
    assert.equal(typeof item.expected, 'string', `${item.id}: canonical string answer`);
    const expected = item.expected as string;
    assert.equal(expected, expected.trim(), 'no surrounding whitespace');
    switch (item.category) {
      case 'reverse':
        assert.equal(expected, reverseByIndex(args[0]!), text);
        assert.notEqual(expected, args[0]);
        break;
      case 'count-letter': {
        const [letter, subject] = args as [string, string];
        assert.equal(expected, String(subject.split(letter).length - 1), text);
        break;
      }
      case 'sort-words': {
        const words = args[0]!.split(' ');
        const sorted = [...words].sort((a, b) => a.localeCompare(b, 'en'));
        assert.equal(expected, sorted.join(' '), text);
        assert.notEqual(args[0], expected, 'not already sorted');
        break;
      }
      case 'nth-character': {
        const word = args[0]!;
        const m = /the (\d+)(?:st|nd|rd|th) letter( from the end)?/.exec(text);
        assert.ok(m, text);
        const n = Number(m[1]);
        assert.equal(expected, m[2] ? word.charAt(word.length - n) : word.charAt(n - 1), text);
        break;
      }
      case 'remove-vowels':
        assert.equal(expected, args[0]!.replace(/[aeiou]/g, ''), text);
        break;
      default:
        assert.fail(`unknown category ${item.category}`);
    }
  }
});

test('strings: ordinals read right', () => {
  const ordinals = new Set(
    sampleItems(strings, 200, [1])
      .filter((item) => item.category === 'nth-character')
      .map((item) => /the (\d+(?:st|nd|rd|th))/.exec(inputText(item))![1]!),
  );
  for (const o of ordinals) {
    const n = Number.parseInt(o, 10);
    const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
    assert.equal(o, `${n}${suffix}`);
  }
  assert.ok(ordinals.has('1st') && ordinals.has('2nd') && ordinals.has('3rd') && ordinals.has('11th'));
});
