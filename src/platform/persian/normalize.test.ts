import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { matchKey, normalizePersian, samePersianText } from './normalize.ts';

const ZWNJ = '\u200C';

test('maps Arabic letter forms to Persian ones', () => {
  assert.equal(normalizePersian('علي'), 'علی');
  assert.equal(normalizePersian('موسى'), 'موسی');
  assert.equal(normalizePersian('كتابخانه'), 'کتابخانه');
  assert.equal(normalizePersian('تخصيص'), 'تخصیص');
  assert.equal(normalizePersian('مدرسة'), 'مدرسه');
  assert.equal(normalizePersian('خانۀ'), 'خانه\u0654', 'ۀ is written as هٔ');
  assert.equal(normalizePersian('رأی إمام ٱلله'), 'رأی إمام الله', 'hamza spellings are kept');
  assert.equal(normalizePersian('آب'), 'آب', 'آ is kept');
  assert.equal(normalizePersian('مسئول مؤسسه'), 'مسئول مؤسسه', 'ئ and ؤ are kept');
});

test('hamza on yeh and heh is unified whichever way it was typed', () => {
  // Arabic yeh + hamza composes to ئ under NFKC; Persian yeh + hamza has no composition.
  assert.equal(normalizePersian('مسي\u0654ول'), 'مسئول');
  assert.equal(normalizePersian('مسی\u0654ول'), 'مسئول');
  // heh + hamza above and ۀ end up the same.
  assert.equal(normalizePersian('خانه\u0654'), normalizePersian('خانۀ'));
  // alef + hamza/madda that were separated by a tatweel are recomposed, not left dangling.
  assert.equal(normalizePersian('اـ\u0653ب'), 'آب');
  assert.equal(normalizePersian('اـ\u0654حمد'), 'أحمد');
});

test('NFKC folds Arabic presentation forms', () => {
  assert.equal(normalizePersian('\uFEDB\uFE98\uFE8E\uFE8F'), 'کتاب');
  assert.equal(normalizePersian('\uFBFC'), 'ی');
  assert.equal(normalizePersian('\uFB8E'), 'ک');
  assert.equal(normalizePersian('\uFEFB'), 'لا');
});

test('removes harakat, tatweel and bidi/format marks', () => {
  assert.equal(normalizePersian('مُحَمَّد'), 'محمد');
  assert.equal(normalizePersian('کتابٌ'), 'کتاب');
  assert.equal(normalizePersian('علیٰ'), 'علی');
  assert.equal(normalizePersian('تهـــران'), 'تهران');
  assert.equal(normalizePersian('\u200Fسلام\u200E \u202Bدنیا\u202C\u2067!\u2069\uFEFF'), 'سلام دنیا!');
  assert.equal(normalizePersian('ب\u200Dا'), 'با');
  assert.equal(normalizePersian('\u061Cسلام'), 'سلام');
});

test('unifies digits to ASCII but leaves separators', () => {
  assert.equal(normalizePersian('طرح ۱۲۳ و ٤٥٦'), 'طرح 123 و 456');
  assert.equal(normalizePersian('۱٬۲۳۴'), '1٬234');
  assert.equal(normalizePersian('１２'), '12', 'full-width digits via NFKC');
});

test('collapses spaces and tabs, trims, keeps newlines', () => {
  assert.equal(normalizePersian('  سلام \t\t  دنیا  '), 'سلام دنیا');
  assert.equal(normalizePersian('سلام\u00A0\u2009دنیا'), 'سلام دنیا');
  assert.equal(normalizePersian('بند اول\r\n\r\nبند  دوم\rسوم'), 'بند اول\n\nبند دوم\nسوم');
  assert.equal(normalizePersian(' \n سلام \n '), 'سلام');
  assert.equal(normalizePersian(''), '');
});

test('keeps ZWNJ inside words, drops stray and repeated ones', () => {
  assert.equal(normalizePersian(`می${ZWNJ}خواهند`), `می${ZWNJ}خواهند`);
  assert.equal(normalizePersian(`می${ZWNJ}${ZWNJ}${ZWNJ}خواهند`), `می${ZWNJ}خواهند`);
  assert.equal(normalizePersian(`می${ZWNJ} خواهند`), 'می خواهند');
  assert.equal(normalizePersian(`می ${ZWNJ}خواهند`), 'می خواهند');
  assert.equal(normalizePersian(`${ZWNJ}پارک${ZWNJ}`), 'پارک');
  assert.equal(normalizePersian(`پارک${ZWNJ}.`), 'پارک.');
  assert.equal(normalizePersian(`پارک${ZWNJ}\u200Dها`), `پارک${ZWNJ}ها`);
  assert.equal(normalizePersian(`${ZWNJ}`), '');
  // Harakat between the letter and the ZWNJ must not make it look stray.
  assert.equal(normalizePersian(`خانهٔ${ZWNJ}ها`), `خانهٔ${ZWNJ}ها`);
});

test('matchKey folds ZWNJ and spacing', () => {
  assert.equal(matchKey(`می${ZWNJ}خواهند`), 'می خواهند');
  assert.equal(matchKey('بند اول\n\n  بند دوم'), 'بند اول بند دوم');
  assert.ok(samePersianText(`می${ZWNJ}خواهند`, 'می خواهند'));
  assert.ok(samePersianText('ميخواهند', 'میخواهند'));
  assert.ok(samePersianText('كتابخانهٔ  مركزي', 'کتابخانه مرکزی'));
  assert.ok(samePersianText('پلاک ۱۲', 'پلاک 12'));
  assert.ok(samePersianText('پلاک ١٢', 'پلاک ۱۲'));
  assert.ok(!samePersianText('میخواهند', 'می خواهند'), 'a missing space is a different word');
  assert.ok(!samePersianText('آب', 'اب'), 'آ is not folded');
  assert.ok(samePersianText('رأی', 'رای'), 'hamza spellings match');
  assert.ok(samePersianText('خانۀ ما', 'خانه ما'));
  assert.equal(matchKey('بودجهٔ محله با رأی ساکنان'), 'بودجه محله با رای ساکنان');
});

// Characters that interact with each other in the pipeline.
const tricky = fc.constantFrom(
  ...'اآأإٱبیيىئکكهةۀۂەوؤلـ ًٌٍَُِّْٰٕٓٔ\u200C\u200D\u200E\u200F\u202B\u202C\u2067\u2069\uFEFF\u061C\t\n\r \u00A0۱٢3٫٬.,'.split(''),
  '\uFEDB', '\uFBFC', '\uFEFB', '\uFE71', '\uFC5E', 'ﷲ',
);
const trickyString = fc.array(tricky, { maxLength: 30 }).map((cs) => cs.join(''));

test('normalizePersian and matchKey are idempotent', () => {
  fc.assert(
    fc.property(fc.oneof(trickyString, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (s) => {
      const n = normalizePersian(s);
      assert.equal(normalizePersian(n), n);
      assert.equal(n, n.normalize('NFKC'));
      assert.doesNotMatch(n, /[\u0640\u064A\u0649\u0643\u0629\u06C0\u0671\u064B-\u0653\u0656-\u065F\u0670\u200D\u200E\u200F\uFEFF\u06F0-\u06F9\u0660-\u0669\r\t]/);
      assert.doesNotMatch(n, /\u200C\u200C|^\u200C|\u200C$| \u200C|\u200C | {2}/);
      const k = matchKey(s);
      assert.equal(matchKey(k), k);
      assert.equal(matchKey(n), k);
      assert.doesNotMatch(k, /\u200C|\s{2}|^\s|\s$|\n|[\u0623\u0625\u0654\u0655]/);
    }),
    { numRuns: 3000 },
  );
});
