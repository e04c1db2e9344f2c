// TF-IDF vectors and cosine similarity for the relevance phase. Terms are folded words
// (text.ts `foldForFeatures`) with a light suffix stripper, without stop words. The IDF table
// is built by the caller from all subjects in the database (`buildIdf`) and is plain JSON.

import { foldForFeatures } from './text.ts';

export interface IdfTable {
  /** Number of documents (subjects) counted. */
  docs: number;
  /** Term → number of documents containing it. */
  df: Record<string, number>;
}

/** Function words and very general words that say nothing about the topic (written for Mahalle). */
const STOP_WORDS = new Set(
  (
    'و در به از که این آن را با برای تا یا هم نیز اما ولی اگر چون چه چرا کی کجا چطور چگونه هر همه ' +
    'است هست نیست بود بودند باشد باشند شد شده شود شوند می نمی کرد کرده کند کنند کنید کردن کردند ' +
    'دارد دارند داشت داشته ندارد خواهد خواهند باید نباید میشه نمیشه بشه کنه کنن میکنه میکنن ' +
    'من تو او ما شما آنها اونا ایشان خود خودش خودشون خودم این‌ها اینها آن‌ها اون این ها های ای ی ' +
    'یک یه دو چند خیلی بسیار بیشتر کمتر بیش کم فقط حتی هنوز دیگر دیگه الان اکنون حالا امروز ' +
    'واقعا واقعاً لطفا لطفاً ممنون مرسی سلام عالی خوب بد بله نه آره خیر پس بعد قبل روی زیر بین ' +
    'مثل مانند درباره بر بی توی تو رو اینکه آنکه وقتی کسی چیزی جایی همین همان هیچ بدون طور ' +
    'ان ات تر ترین مورد نظر گفت گفته گویا انگار شاید حتما البته پیش چیز کار'
  )
    .split(/\s+/)
    .map((w) => foldForFeatures(w))
    .filter((w) => w !== ''),
);

const SUFFIXES = ['هایی', 'های', 'ها', 'ترین', 'تر', 'ات', 'ان', 'ی'];

/** Light stemming: strips one plural/comparative/ezafe ending when at least 3 letters remain. */
export function stem(word: string): string {
  for (const s of SUFFIXES) {
    if (word.endsWith(s) && word.length - s.length >= 3) return word.slice(0, -s.length);
  }
  return word;
}

/** Content terms of a text: folded words, stop words and 1-letter words removed, stemmed. */
export function termsOf(text: string): string[] {
  return termsOfFolded(foldForFeatures(text));
}

/** termsOf for a text already passed through foldForFeatures. */
export function termsOfFolded(folded: string): string[] {
  const out: string[] = [];
  for (const w of folded.split(' ')) {
    if (w.length < 2 || STOP_WORDS.has(w) || /^\d+$/.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/** Builds an IDF table from documents (e.g. each subject's title and body). */
export function buildIdf(documents: Iterable<string>): IdfTable {
  const df: Record<string, number> = {};
  let docs = 0;
  for (const d of documents) {
    docs++;
    for (const t of new Set(termsOf(d))) df[t] = (df[t] ?? 0) + 1;
  }
  return { docs, df };
}

const idfCaches = new WeakMap<IdfTable, Map<string, number>>();

function idfOf(table: IdfTable | undefined, term: string): number {
  if (!table) return 1;
  let cache = idfCaches.get(table);
  if (!cache) idfCaches.set(table, (cache = new Map()));
  let v = cache.get(term);
  if (v === undefined) {
    const df = Object.hasOwn(table.df, term) ? table.df[term]! : 0;
    v = Math.log((table.docs + 1) / (df + 1)) + 1;
    if (cache.size > 100_000) cache.clear();
    cache.set(term, v);
  }
  return v;
}

export type Vector = Map<string, number>;

/** Sublinear TF-IDF vector of weighted parts (e.g. title twice as heavy as the body). */
export function vectorOf(parts: readonly { terms: readonly string[]; weight: number }[], idf?: IdfTable): Vector {
  const tf = new Map<string, number>();
  for (const p of parts) for (const t of p.terms) tf.set(t, (tf.get(t) ?? 0) + p.weight);
  const v: Vector = new Map();
  for (const [t, f] of tf) v.set(t, (1 + Math.log(f)) * idfOf(idf, t));
  return v;
}

export function cosine(a: Vector, b: Vector): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const o = large.get(t);
    if (o !== undefined) dot += w * o;
  }
  if (dot === 0) return 0;
  let na = 0;
  let nb = 0;
  for (const w of a.values()) na += w * w;
  for (const w of b.values()) nb += w * w;
  return dot / Math.sqrt(na * nb);
}
