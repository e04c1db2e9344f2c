import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { comparePersian, sortByPersian } from './collation.ts';

const ALPHABET = 'آ ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی'.split(' ');

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

test('sorts letters in Persian alphabetical order', () => {
  for (const seed of [1, 2, 3, 42]) {
    assert.deepEqual(sortByPersian(shuffled(ALPHABET, seed), (s) => s), ALPHABET);
  }
  assert.deepEqual(
    sortByPersian(['گل', 'کتاب', 'چای', 'پارک', 'آب', 'اسب', 'یاس', 'ژاله', 'زرد', 'باغ'], (s) => s),
    ['آب', 'اسب', 'باغ', 'پارک', 'چای', 'زرد', 'ژاله', 'کتاب', 'گل', 'یاس'],
  );
});

test('Arabic ي and ك sort exactly like ی and ک', () => {
  assert.equal(comparePersian('علي', 'علی'), 0);
  assert.equal(comparePersian('كتاب', 'کتاب'), 0);
  assert.ok(comparePersian('كتاب', 'گل') < 0, 'ك before گ');
  assert.ok(comparePersian('يزد', 'وحید') > 0, 'ي after و');
  assert.ok(comparePersian('پ', 'ي') < 0);
  assert.deepEqual(
    sortByPersian(['يزد', 'گرگان', 'كرمان', 'اصفهان', 'تبریز'], (s) => s),
    ['اصفهان', 'تبریز', 'كرمان', 'گرگان', 'يزد'],
  );
});

test('numbers inside names sort by value, whatever the digits', () => {
  assert.deepEqual(
    sortByPersian(['محله ۱۰', 'محله 2', 'محله ١', 'محله ۲۱'], (s) => s),
    ['محله ١', 'محله 2', 'محله ۱۰', 'محله ۲۱'],
  );
});

test('sortByPersian is stable, returns a new array and agrees with comparePersian', () => {
  const items = [
    { name: 'علي', id: 1 },
    { name: 'بهار', id: 2 },
    { name: 'علی', id: 3 },
    { name: 'على', id: 4 },
  ];
  const sorted = sortByPersian(items, (i) => i.name);
  assert.notEqual(sorted, items);
  assert.deepEqual(items.map((i) => i.id), [1, 2, 3, 4]);
  assert.deepEqual(sorted.map((i) => i.id), [2, 1, 3, 4]);

  const word = fc.array(fc.constantFrom(...ALPHABET, 'ي', 'ك', ' ', '\u200C'), { maxLength: 6 }).map((cs) => cs.join(''));
  fc.assert(
    fc.property(fc.array(word, { maxLength: 30 }), (words) => {
      const out = sortByPersian(words, (w) => w);
      assert.equal(out.length, words.length);
      for (let i = 1; i < out.length; i++) assert.ok(comparePersian(out[i - 1]!, out[i]!) <= 0);
    }),
  );
});

test('persianSortKey orders like the Persian collator, bytewise', async () => {
  const { persianSortKey } = await import('./collation.ts');
  const names = ['یزد', 'پونک', 'آبیک', 'الوند', 'چهارباغ', 'ژاله', 'گلستان', 'کوثر', 'بلاغی', 'محله ۱۰', 'محله ۲', 'مينودر', 'تاکستان', 'راه آهن', 'زنجان'];
  const byKey = [...names].sort((a, b) => {
    const x = persianSortKey(a);
    const y = persianSortKey(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  assert.deepEqual(byKey, sortByPersian(names, (s) => s));
});

test('persianSortKey agrees with the collator on random Persian words', async () => {
  const { persianSortKey } = await import('./collation.ts');
  const word = fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
  fc.assert(
    fc.property(word, word, (a, b) => {
      const byKey = Math.sign(persianSortKey(a) < persianSortKey(b) ? -1 : persianSortKey(a) > persianSortKey(b) ? 1 : 0);
      return a === b || byKey === Math.sign(comparePersian(a, b));
    }),
    { numRuns: 2000 },
  );
});

test('in sort keys ZWNJ counts as a space, so a name sorts before its longer forms', async () => {
  const { persianSortKey } = await import('./collation.ts');
  assert.equal(persianSortKey('راه‌آهن'), persianSortKey('راه آهن'));
  assert.ok(persianSortKey('راه‌آهن') < persianSortKey('راه آهن غربی'));
});
