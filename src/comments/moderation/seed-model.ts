// How the shipped model (model.json) is made: the seed examples written for Mahalle
// (seed-examples.ts), trained with fixed options. `npx mahalle moderation train` retrains
// from a CSV instead; `buildSeedModelCommand` (cli.ts) rewrites model.json from this.

import { train, type Model, type TrainOptions } from './classifier.ts';
import { seedExamples } from './seed-examples.ts';

export const seedTrainOptions: TrainOptions = {
  kind: 'logreg',
  ngrams: [1, 4],
  words: true,
  minCount: 2,
  epochs: 30,
  l2: 3e-3,
  learningRate: 0.5,
  digits: 3,
  threshold: 0.9,
  note: 'trained on the seed examples written for Mahalle (seed-examples.ts)',
};

export function trainSeedModel(): Model {
  return train(seedExamples, seedTrainOptions);
}
