import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RicegradeError } from '../errors.js';
import { givenModel, lmEvalModelFromFolder, lmEvalTaskFromFileName, mmluProModelFromFileName, parentFolderName, requireModel } from './model-name.js';

test('MMLU-Pro model names from model_outputs_<NAME>_<N>shots.json', () => {
  assert.equal(mmluProModelFromFileName('/x/model_outputs_gpt-4o_5shots.json'), 'gpt-4o');
  assert.equal(mmluProModelFromFileName('model_outputs_Meta-Llama-3.1-8B_Instruct_0shots.json'), 'Meta-Llama-3.1-8B_Instruct');
  assert.equal(mmluProModelFromFileName('/x/computer science_result.json'), undefined);
  assert.equal(parentFolderName('/runs/gpt-4o/computer science_result.json'), 'gpt-4o');
  assert.equal(parentFolderName('/top.json'), undefined);
});

test('lm-eval folders and sample file names', () => {
  assert.equal(lmEvalModelFromFolder('/out/meta-llama__Llama-3.1-8B/samples_x.jsonl'), 'meta-llama/Llama-3.1-8B');
  assert.equal(lmEvalModelFromFolder('/out/__home__me__model/samples_x.jsonl'), '__home__me__model');
  assert.equal(lmEvalModelFromFolder('/out/local-model/samples_x.jsonl'), 'local-model');
  assert.equal(lmEvalTaskFromFileName('samples_mmlu_abstract_algebra_2024-06-28T11-52-36.585476.jsonl'), 'mmlu_abstract_algebra');
  assert.equal(lmEvalTaskFromFileName('/a/samples_hellaswag.jsonl'), 'hellaswag');
  assert.equal(lmEvalTaskFromFileName('results.jsonl'), undefined);
});

test('the option wins; blank options are absent; no name at all is ARGUMENT_INVALID', () => {
  assert.equal(givenModel('  gpt  '), 'gpt');
  assert.equal(givenModel('  '), undefined);
  assert.equal(requireModel('f.json', undefined, 'b', 'c'), 'b');
  assert.throws(() => requireModel('f.json', undefined, undefined), (err: unknown) => RicegradeError.isInstance(err) && err.code === 'ARGUMENT_INVALID');
});
