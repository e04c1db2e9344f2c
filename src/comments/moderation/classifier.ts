// Offensive-language classifier: character n-grams of each word (padded with a space on both
// sides, so «احمق» yields « اح», «مق »…) plus whole words, on the folded text (text.ts), fed
// to an L2-regularised logistic regression (default) or a multinomial naive Bayes. Pure
// TypeScript, deterministic, no I/O; the model is a plain JSON object.
//
// Scoring: logit = bias + x · Σ weight(f) over the features of every word (a feature counts
// once per word that has it), where x = 1/√max(k, normFloor) for the k features of the text
// (logistic regression) or 1 (naive Bayes). Since a word's contribution does not depend on the
// rest of the text, it is cached per model, which makes scoring cheap for frequent words.

import { foldForFeatures } from './text.ts';

export const MODEL_FORMAT = 'mahalle-moderation-model/1';

export interface Model {
  format: typeof MODEL_FORMAT;
  kind: 'logreg' | 'nb';
  /** Character n-gram lengths [min, max] inside padded words. */
  ngrams: [number, number];
  /** Whole words are features too. */
  words: boolean;
  norm: 'l2' | 'none';
  /** With l2: x(f) = 1/√max(k, normFloor), so that a one-word text is not amplified. */
  normFloor?: number;
  bias: number;
  weights: Record<string, number>;
  /** Threshold recommended by whoever trained the model (informative; the config decides). */
  threshold?: number;
  meta?: { examples: number; positives: number; features: number; note?: string };
}

export interface Example {
  text: string;
  label: 0 | 1;
}

export interface TrainOptions {
  kind?: 'logreg' | 'nb';
  ngrams?: [number, number];
  words?: boolean;
  /** Keep features seen in at least this many examples. Default 2. */
  minCount?: number;
  /** Keep at most this many features (largest |weight|). Default: all. */
  maxFeatures?: number;
  /** Logistic regression: passes over the data. Default 8. */
  epochs?: number;
  /** Logistic regression: L2 penalty per example. Default 1e-5. */
  l2?: number;
  /** Logistic regression: Adagrad learning rate. Default 0.5. */
  learningRate?: number;
  /** Naive Bayes: additive smoothing. Default 0.5. */
  alpha?: number;
  /** Decimal digits kept in the weights. Default 3. */
  digits?: number;
  /** Logistic regression: x(f) = 1/√max(k, normFloor). Default 1 (plain l2). */
  normFloor?: number;
  /** Recommended threshold stored in the model. Default 0.5. */
  threshold?: number;
  /** Free text stored in `meta.note`. */
  note?: string;
}

/** Features of one word: its distinct padded character n-grams, and the word itself. */
export function wordFeatures(word: string, ngrams: readonly [number, number], words: boolean): string[] {
  const out = new Set<string>();
  if (words) out.add(`w:${word}`);
  const padded = ` ${word} `;
  const len = padded.length;
  for (let n = ngrams[0]; n <= ngrams[1]; n++) {
    for (let i = 0; i + n <= len; i++) {
      const g = padded.slice(i, i + n);
      if (g !== ' ') out.add(g);
    }
  }
  return [...out];
}

/**
 * Features of a folded text (see foldForFeatures): the features of each word, concatenated.
 * A feature shared by two words counts twice (term frequency over words).
 */
export function featuresOf(folded: string, ngrams: readonly [number, number], words: boolean): string[] {
  const out: string[] = [];
  for (const w of folded.split(' ')) if (w !== '') out.push(...wordFeatures(w, ngrams, words));
  return out;
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

// Per model: the weights as a Map (a large object in dictionary mode is slow to index), and a
// bounded cache of each word's summed weight and feature count (words repeat across comments).
interface Scorer {
  weights: Map<string, number>;
  words: Map<string, { sum: number; count: number }>;
}
const scorers = new WeakMap<Model, Scorer>();
const WORD_CACHE = 50_000;

function scorerOf(model: Model): Scorer {
  let s = scorers.get(model);
  if (!s) {
    s = { weights: new Map(Object.entries(model.weights)), words: new Map() };
    scorers.set(model, s);
  }
  return s;
}

/** Probability that `text` is offensive. Pass `folded = true` when text is already foldForFeatures'd. */
export function score(model: Model, text: string, folded = false): number {
  const s = scorerOf(model);
  let sum = 0;
  let count = 0;
  for (const w of (folded ? text : foldForFeatures(text)).split(' ')) {
    if (w === '') continue;
    let c = s.words.get(w);
    if (!c) {
      const f = wordFeatures(w, model.ngrams, model.words);
      let ws = 0;
      for (const g of f) ws += s.weights.get(g) ?? 0;
      c = { sum: ws, count: f.length };
      if (s.words.size >= WORD_CACHE) s.words.clear();
      s.words.set(w, c);
    }
    sum += c.sum;
    count += c.count;
  }
  if (count === 0) return sigmoid(model.bias);
  const x = model.norm === 'l2' ? 1 / Math.sqrt(Math.max(count, model.normFloor ?? 1)) : 1;
  return sigmoid(model.bias + sum * x);
}

/** Small deterministic PRNG (mulberry32) so training is reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function round(v: number, digits: number): number {
  const p = 10 ** digits;
  return Math.round(v * p) / p;
}

/** Trains a model. Examples with empty folded text are ignored. */
export function train(examples: readonly Example[], options: TrainOptions = {}): Model {
  const kind = options.kind ?? 'logreg';
  const ngrams = options.ngrams ?? [1, 4];
  const words = options.words ?? true;
  const minCount = options.minCount ?? 2;
  const digits = options.digits ?? 3;
  const normFloor = options.normFloor ?? 1;

  const docs: { f: string[]; y: 0 | 1 }[] = [];
  const df = new Map<string, number>();
  for (const e of examples) {
    const f = featuresOf(foldForFeatures(e.text), ngrams, words);
    if (f.length === 0) continue;
    docs.push({ f, y: e.label });
    for (const g of new Set(f)) df.set(g, (df.get(g) ?? 0) + 1);
  }
  const vocab = new Map<string, number>();
  for (const [g, c] of df) if (c >= minCount) vocab.set(g, vocab.size);
  const positives = docs.filter((d) => d.y === 1).length;
  const negatives = docs.length - positives;

  const weights = new Float64Array(vocab.size);
  let bias = 0;
  const encoded = docs.map((d) => ({ idx: Int32Array.from(d.f.map((g) => vocab.get(g) ?? -1).filter((i) => i >= 0)), y: d.y, n: d.f.length }));

  if (kind === 'nb') {
    const alpha = options.alpha ?? 0.5;
    const c1 = new Float64Array(vocab.size);
    const c0 = new Float64Array(vocab.size);
    let t1 = 0;
    let t0 = 0;
    for (const d of encoded) {
      const c = d.y === 1 ? c1 : c0;
      for (const i of d.idx) c[i]! += 1;
      if (d.y === 1) t1 += d.idx.length;
      else t0 += d.idx.length;
    }
    const V = vocab.size;
    for (let i = 0; i < V; i++) {
      weights[i] = Math.log((c1[i]! + alpha) / (t1 + alpha * V)) - Math.log((c0[i]! + alpha) / (t0 + alpha * V));
    }
    bias = Math.log((positives + 1) / (negatives + 1));
  } else {
    const epochs = options.epochs ?? 8;
    const l2 = options.l2 ?? 1e-5;
    const lr = options.learningRate ?? 0.5;
    const g2 = new Float64Array(vocab.size).fill(1e-8);
    let gb2 = 1e-8;
    const random = rng(20260529);
    const order = encoded.map((_, i) => i);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const k of order) {
        const d = encoded[k]!;
        const x = 1 / Math.sqrt(Math.max(d.n, normFloor));
        let z = bias;
        for (const i of d.idx) z += weights[i]! * x;
        const err = sigmoid(z) - d.y;
        gb2 += err * err;
        bias -= (lr * err) / Math.sqrt(gb2);
        for (const i of d.idx) {
          const g = err * x + l2 * weights[i]!;
          g2[i]! += g * g;
          weights[i]! -= (lr * g) / Math.sqrt(g2[i]!);
        }
      }
    }
  }

  let entries = [...vocab.entries()].map(([g, i]) => [g, round(weights[i]!, digits)] as const).filter(([, w]) => w !== 0);
  if (options.maxFeatures !== undefined && entries.length > options.maxFeatures) {
    entries = entries.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1)).slice(0, options.maxFeatures);
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const model: Model = {
    format: MODEL_FORMAT,
    kind,
    ngrams,
    words,
    norm: kind === 'logreg' ? 'l2' : 'none',
    ...(kind === 'logreg' && normFloor > 1 ? { normFloor } : {}),
    bias: round(bias, 6),
    weights: Object.fromEntries(entries),
    threshold: options.threshold ?? 0.5,
    meta: { examples: docs.length, positives, features: entries.length },
  };
  if (options.note !== undefined) model.meta!.note = options.note;
  return model;
}

/** Checks that a parsed JSON value is a model; throws a readable error otherwise. */
export function parseModel(value: unknown): Model {
  const m = value as Partial<Model> | null;
  if (!m || typeof m !== 'object' || m.format !== MODEL_FORMAT) {
    throw new Error(`not a moderation model (expected format ${MODEL_FORMAT})`);
  }
  if ((m.kind !== 'logreg' && m.kind !== 'nb') || !Array.isArray(m.ngrams) || typeof m.bias !== 'number' || typeof m.weights !== 'object') {
    throw new Error('moderation model is incomplete (kind, ngrams, bias, weights)');
  }
  return m as Model;
}
