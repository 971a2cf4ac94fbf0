import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closest, editDistance } from './closest.js';

test('editDistance: known Levenshtein distances', () => {
  const cases: [string, string, number][] = [
    ['kitten', 'sitting', 3],
    ['saturday', 'sunday', 3],
    ['flaw', 'lawn', 2],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['', '', 0],
    ['same', 'same', 0],
    ['abc', 'acb', 2],
    ['provder', 'provider', 1],
    ['gumbo', 'gambol', 2],
  ];
  for (const [a, b, d] of cases) {
    assert.equal(editDistance(a, b), d, `${a} / ${b}`);
    assert.equal(editDistance(b, a), d, `${b} / ${a} (symmetric)`);
  }
});

const keys = ['provider', 'model', 'baseUrl', 'apiKeyEnv', 'price', 'concurrency', 'temperature'];

test('closest finds a likely typo', () => {
  assert.equal(closest('provder', keys), 'provider');
  assert.equal(closest('modle', keys), 'model');
  assert.equal(closest('concurency', keys), 'concurrency');
  assert.equal(closest('temprature', keys), 'temperature');
});

test('closest ignores case but returns the candidate as written', () => {
  assert.equal(closest('BASEURL', keys), 'baseUrl');
  assert.equal(closest('baseurl', keys), 'baseUrl');
});

test('closest gives undefined for far words or no candidates', () => {
  assert.equal(closest('zebra', keys), undefined);
  assert.equal(closest('completely-unrelated', keys), undefined);
  assert.equal(closest('provder', []), undefined);
});

test('closest prefers the nearest candidate', () => {
  assert.equal(closest('modal', ['modest', 'model']), 'model');
  assert.equal(closest('pricee', keys), 'price');
  assert.equal(closest('model', ['models', 'model']), 'model');
});
