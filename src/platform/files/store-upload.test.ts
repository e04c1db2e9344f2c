import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { attachmentDisposition, cleanFileName, readUpload, removeUpload, sniffDocumentType, storeUpload, uploadRoot } from './store-upload.ts';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1');

test('the type is sniffed from magic bytes, whatever the name says', () => {
  assert.equal(sniffDocumentType(png), 'image/png');
  assert.equal(sniffDocumentType(jpeg), 'image/jpeg');
  assert.equal(sniffDocumentType(pdf), 'application/pdf');
  assert.equal(sniffDocumentType(Buffer.from('just some text, named .pdf')), null);
  assert.equal(sniffDocumentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), null);
  assert.equal(sniffDocumentType(Buffer.from('GIF89a......')), null);
  assert.equal(sniffDocumentType(Buffer.alloc(0)), null);
  assert.equal(sniffDocumentType(Buffer.from('%PDF')), null, 'too short to be a PDF');
  assert.equal(sniffDocumentType(Buffer.from(' %PDF-1.4 leading space')), null);
});

test('uploads live beside the SQLite file, never under public/', () => {
  assert.equal(uploadRoot({ DATABASE_URL: 'sqlite:/var/lib/mahalle/mahalle.db' }), '/var/lib/mahalle/uploads');
  assert.equal(uploadRoot({ DATABASE_URL: 'sqlite:./data/mahalle.db' }), resolve('data/uploads'));
  assert.equal(uploadRoot({ DATABASE_URL: 'postgres://u@h:5432/db' }), resolve('data/uploads'));
  assert.equal(uploadRoot({ DATABASE_URL: 'sqlite::memory:' }), resolve('data/uploads'));
  assert.ok(!uploadRoot({ DATABASE_URL: 'sqlite:./data/mahalle.db' }).includes('public'));
});

test('stored under a random key with its SHA-256; read back and removed', async () => {
  const root = mkdtempSync(join(tmpdir(), 'mahalle-store-'));
  try {
    const a = await storeUpload(root, 'plans/7', png);
    const b = await storeUpload(root, 'plans/7', png);
    assert.match(a.key, /^plans\/7\/[a-f0-9]{32}$/);
    assert.notEqual(a.key, b.key, 'same bytes, two files');
    assert.equal(a.sha256, createHash('sha256').update(png).digest('hex'));
    assert.equal(a.size, png.length);
    assert.deepEqual(readFileSync(join(root, a.key)), png);
    assert.deepEqual(await readUpload(root, a.key), png);
    await removeUpload(root, a.key);
    assert.equal(existsSync(join(root, a.key)), false);
    assert.equal(await readUpload(root, a.key), null);
    await removeUpload(root, a.key); // already gone: fine
    await assert.rejects(readUpload(root, '../../etc/passwd'), RangeError);
    await assert.rejects(readUpload(root, 'plans/7/../../x'), RangeError);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('file names are cleaned for showing, and downloads keep a Persian name', () => {
  assert.equal(cleanFileName('C:\\Users\\me\\گزارش نیاز.pdf', 'پیوست'), 'گزارش نیاز.pdf');
  assert.equal(cleanFileName('../../etc/passwd', 'پیوست'), 'passwd');
  assert.equal(cleanFileName('a\u202Efdp.exe', 'پیوست'), 'afdp.exe');
  assert.equal(cleanFileName('', 'پیوست'), 'پیوست');
  assert.equal(cleanFileName(undefined, 'پیوست'), 'پیوست');
  assert.equal(cleanFileName('..', 'پیوست'), 'پیوست');
  const header = attachmentDisposition('گزارش نیاز.pdf', 'attachment-3.pdf');
  assert.match(header, /^attachment; filename="attachment-3\.pdf"; filename\*=UTF-8''/);
  assert.ok(header.includes(encodeURIComponent('گزارش نیاز.pdf')));
});
