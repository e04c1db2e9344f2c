// Classifier tests: training on a toy set, score ordering, serialisation round trip,
// determinism, and the shipped model (reproducible from the seed examples, small).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { featuresOf, parseModel, score, train, wordFeatures, type Example } from './classifier.ts';
import { shippedModelPath } from './model-file.ts';
import { seedExamples } from './seed-examples.ts';
import { trainSeedModel } from './seed-model.ts';
import { shippedModel } from './shipped-model.ts';

const toy: Example[] = [
  ...['تو احمقی', 'خیلی احمق هستی', 'احمق برو', 'ای احمق بی‌شعور', 'بی‌شعور ساکت', 'آدم بی‌شعور'].map((text) => ({ text, label: 1 as const })),
  ...['تو خوبی', 'خیلی خوب هستی', 'خوب برو', 'ای دوست عزیز', 'عزیز ساکت', 'آدم مهربان'].map((text) => ({ text, label: 0 as const })),
];

test('features: padded character n-grams of each word plus the word', () => {
  assert.deepEqual(wordFeatures('اب', [1, 2], true).sort(), ['w:اب', ' ا', 'ا', 'اب', 'ب', 'ب '].sort());
  assert.equal(featuresOf('اب اب', [1, 2], false).length, 2 * wordFeatures('اب', [1, 2], false).length);
  assert.deepEqual(featuresOf('', [1, 4], true), []);
});

for (const kind of ['logreg', 'nb'] as const) {
  test(`${kind}: offensive texts score above clean ones, including unseen inflections`, () => {
    const m = train(toy, { kind, minCount: 1, epochs: 30 });
    assert.equal(m.kind, kind);
    assert.ok(score(m, 'احمق') > score(m, 'خوب'));
    assert.ok(score(m, 'احمقها') > score(m, 'عزیزها'), 'character n-grams generalise to inflections');
    assert.ok(score(m, 'بیشعور') > 0.5 && score(m, 'مهربان') < 0.5);
    for (const t of ['', '!!!', 'x']) {
      const p = score(m, t);
      assert.ok(p >= 0 && p <= 1, `probability for ${JSON.stringify(t)}`);
    }
  });
}

test('training is deterministic and the model survives a JSON round trip', () => {
  const a = train(toy, { minCount: 1 });
  const b = train(toy, { minCount: 1 });
  assert.deepEqual(a, b);
  const back = parseModel(JSON.parse(JSON.stringify(a)));
  for (const t of ['تو احمقی', 'آدم خوب', 'سلام']) assert.equal(score(back, t), score(a, t));
});

test('pruning: minCount and maxFeatures bound the model', () => {
  const all = train(toy, { minCount: 1 });
  const pruned = train(toy, { minCount: 2, maxFeatures: 20 });
  assert.ok(Object.keys(pruned.weights).length <= 20);
  assert.ok(Object.keys(pruned.weights).length < Object.keys(all.weights).length);
});

test('parseModel rejects what is not a model', () => {
  assert.throws(() => parseModel({}), /not a moderation model/);
  assert.throws(() => parseModel({ format: 'mahalle-moderation-model/1' }), /incomplete/);
});

test('the shipped model.json is exactly what trainSeedModel() produces, and small', () => {
  assert.ok(statSync(shippedModelPath).size < 300 * 1024, 'model.json < 300 KB');
  assert.deepEqual(JSON.parse(readFileSync(shippedModelPath, 'utf8')), trainSeedModel(), 'run buildSeedModelCommand() after editing the seed examples');
  assert.deepEqual(shippedModel.meta?.examples, seedExamples.length);
  assert.equal(shippedModel.threshold, 0.9);
});

test('the shipped model separates its own seed examples', () => {
  const wrong = seedExamples.filter((e) => (score(shippedModel, e.text) >= 0.5 ? 1 : 0) !== e.label);
  assert.ok(wrong.length / seedExamples.length < 0.05, `${wrong.length} of ${seedExamples.length} misclassified`);
});
