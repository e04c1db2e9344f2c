import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNeedInput, NEED_PHOTO_MAX_BYTES, sniffPhotoType } from './need-input.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(8)]);
const good = {
  title: 'کلاس مهارت زندگی برای نوجوانان',
  body: 'نوجوانان محله عصرها جایی برای رفتن ندارند و بیکار در کوچه می‌مانند.',
  harms: ['ADDICTION'],
  targets: ['ADOLESCENTS'],
  photo: null,
};

test('photos are judged by their bytes: JPEG, PNG and WebP; anything else is refused', () => {
  assert.equal(sniffPhotoType(PNG), 'image/png');
  assert.equal(sniffPhotoType(JPEG), 'image/jpeg');
  assert.equal(sniffPhotoType(WEBP), 'image/webp');
  assert.equal(sniffPhotoType(Buffer.from('%PDF-1.7\n')), null);
  assert.equal(sniffPhotoType(Buffer.from('GIF89a......')), null);
  assert.equal(sniffPhotoType(Buffer.from('RIFF\0\0\0\0WAVEfmt ')), null, 'a RIFF that is not WebP');
  assert.equal(sniffPhotoType(Buffer.alloc(0)), null);
});

test('a good need is normalized: Arabic letters and digits folded, tags in the taxonomy order, duplicates dropped', () => {
  const r = checkNeedInput({ ...good, title: '  كلاس  مهارت زندگي ۲ ', harms: ['DIVORCE', 'ADDICTION', 'DIVORCE'], targets: [] });
  assert.deepEqual(r.errors, {});
  assert.equal(r.value.title, 'کلاس مهارت زندگی 2');
  assert.deepEqual(r.value.harms, ['ADDICTION', 'DIVORCE']);
  assert.equal(r.value.photo, null);
});

test('missing, short and long texts are explained in Persian by field', () => {
  const missing = checkNeedInput({ ...good, title: '', body: '' });
  assert.match(missing.errors.title!, /عنوان/);
  assert.match(missing.errors.body!, /شرح/);
  assert.equal(missing.problem, 'validation');
  assert.ok(checkNeedInput({ ...good, title: 'آب' }).errors.title);
  assert.match(checkNeedInput({ ...good, title: 'ا'.repeat(121) }).errors.title!, /۱۲۰/);
  assert.ok(checkNeedInput({ ...good, title: 'ا'.repeat(120) }).errors.title === undefined);
  assert.ok(checkNeedInput({ ...good, body: 'کوتاه است' }).errors.body);
  assert.match(checkNeedInput({ ...good, body: 'ب'.repeat(4001) }).errors.body!, /۴۰۰۰/);
});

test('at least one harm, only known codes, at most five of each', () => {
  assert.ok(checkNeedInput({ ...good, harms: [] }).errors.harms);
  assert.ok(checkNeedInput({ ...good, harms: ['ADDICTION', 'NOT_A_HARM'] }).errors.harms);
  assert.ok(checkNeedInput({ ...good, targets: ['nobody'] }).errors.targets);
  assert.ok(checkNeedInput({ ...good, harms: ['ADDICTION', 'DIVORCE', 'CHILD_LABOUR', 'BEGGING', 'SUICIDE', 'HOMELESSNESS'] }).errors.harms);
  assert.deepEqual(checkNeedInput({ ...good, targets: [] }).errors, {}, 'target groups are optional');
});

test('a photo over 5 MB or of another type is refused with the matching status; an empty file part is no photo', () => {
  const big = Buffer.concat([JPEG, Buffer.alloc(NEED_PHOTO_MAX_BYTES)]);
  const tooBig = checkNeedInput({ ...good, photo: big });
  assert.match(tooBig.errors.photo!, /۵ مگابایت/);
  assert.equal(tooBig.problem, 'payload_too_large');
  const pdf = checkNeedInput({ ...good, photo: Buffer.from('%PDF-1.7 not a photo') });
  assert.ok(pdf.errors.photo);
  assert.equal(pdf.problem, 'unsupported_media_type');
  assert.equal(checkNeedInput({ ...good, title: '', photo: Buffer.from('%PDF-1.7') }).problem, 'validation', 'several problems: a form to correct');
  assert.equal(checkNeedInput({ ...good, photo: Buffer.alloc(0) }).value.photo, null);
  assert.equal(checkNeedInput({ ...good, photo: PNG }).value.photo?.type, 'image/png');
});
