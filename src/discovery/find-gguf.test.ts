import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { findGgufFiles, ggufModelStem } from './find-gguf.js';

/** A file that starts like a real GGUF model: magic, version 3, tensor and metadata counts. */
function ggufBytes(): Buffer {
  const head = Buffer.alloc(24);
  head.write('GGUF', 0, 'ascii');
  head.writeUInt32LE(3, 4);
  head.writeBigUInt64LE(0n, 8);
  head.writeBigUInt64LE(0n, 16);
  return Buffer.concat([head, Buffer.alloc(64, 7)]);
}

function put(root: string, path: string, content: Buffer | string): string {
  const file = join(root, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content);
  return file;
}

test('findGgufFiles: real GGUF files recursively; fakes, hidden and node_modules folders, deep folders skipped', () => {
  const root = mkdtempSync(join(tmpdir(), 'rg-gguf-'));
  const top = put(root, 'tiny.gguf', ggufBytes());
  const nested = put(root, 'models/qwen/Qwen2.5-0.5B-Instruct-Q4_K_M.GGUF', ggufBytes());
  const fake = put(root, 'models/fake.gguf', 'not a model at all');
  put(root, 'models/empty.gguf', '');
  put(root, 'models/readme.txt', 'GGUF but not named so');
  put(root, '.cache/hidden.gguf', ggufBytes());
  put(root, 'node_modules/pkg/dep.gguf', ggufBytes());
  put(root, 'a/b/c/d/depth4.gguf', ggufBytes());
  put(root, 'a/b/c/d/e/depth5.gguf', ggufBytes());
  const first = put(root, 'split/big-00001-of-00002.gguf', ggufBytes());
  put(root, 'split/big-00002-of-00002.gguf', ggufBytes());
  put(root, 'vision/mmproj-model-f16.gguf', ggufBytes());
  symlinkSync(top, join(root, 'linked.gguf'));

  const found = findGgufFiles(root);
  assert.deepEqual(
    found.files.map((f) => f.path),
    [join(root, 'a/b/c/d/depth4.gguf'), join(root, 'linked.gguf'), nested, first, top],
  );
  assert.equal(found.files.find((f) => f.path === top)!.size, 88);
  const skipped = new Map(found.skipped.map((s) => [s.path, s.reason]));
  assert.match(skipped.get(fake)!, /GGUF magic/);
  assert.match(skipped.get(join(root, 'models/empty.gguf'))!, /GGUF magic/);
  assert.match(skipped.get(join(root, 'split/big-00002-of-00002.gguf'))!, /shard/);
  assert.match(skipped.get(join(root, 'vision/mmproj-model-f16.gguf'))!, /projector/);
  assert.equal(found.truncated, false);

  assert.deepEqual(findGgufFiles(root, { maxDepth: 0 }).files.map((f) => f.path), [join(root, 'linked.gguf'), top]);
  assert.equal(findGgufFiles(root, { maxEntries: 3 }).truncated, true);
  assert.deepEqual(findGgufFiles(join(root, 'missing')).files, []);
});

test('ggufModelStem drops the extension and a shard suffix', () => {
  assert.equal(ggufModelStem('Qwen2.5-0.5B-Instruct-Q4_K_M.gguf'), 'Qwen2.5-0.5B-Instruct-Q4_K_M');
  assert.equal(ggufModelStem('big-00001-of-00002.GGUF'), 'big');
});
