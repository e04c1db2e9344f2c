import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { sqlitePath } from '../../config.ts';

/** File types people may upload as documents, judged from the bytes. */
export type DocumentType = 'application/pdf' | 'image/jpeg' | 'image/png';

export const documentExtensions: Record<DocumentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PDF = Buffer.from('%PDF-', 'latin1');

/**
 * The type of an uploaded document from its magic bytes, never from its name or the browser's
 * content type; null when it is none of the accepted types.
 */
export function sniffDocumentType(bytes: Buffer): DocumentType | null {
  if (bytes.length >= PNG.length && bytes.subarray(0, PNG.length).equals(PNG)) return 'image/png';
  if (bytes.length >= 4 && bytes.subarray(0, JPEG.length).equals(JPEG)) return 'image/jpeg';
  // PDF readers accept the header anywhere in the first KiB; writers put it first, and so must uploads.
  if (bytes.length >= 8 && bytes.subarray(0, PDF.length).equals(PDF)) return 'application/pdf';
  return null;
}

/**
 * Where uploaded files live: outside the web root, beside the SQLite file (./data/uploads by
 * default; ./data/uploads with PostgreSQL or an in-memory database).
 */
export function uploadRoot(config: { DATABASE_URL: string }): string {
  const file = sqlitePath(config.DATABASE_URL);
  const base = file && file !== ':memory:' ? dirname(file) : './data';
  return resolve(base, 'uploads');
}

// Keys are made here and only here: folders of letters, digits, '-' and '_', then 32 hex digits.
const KEY = /^(?:[a-z0-9_-]+\/){1,4}[a-f0-9]{32}$/;

function pathOf(root: string, key: string): string {
  if (!KEY.test(key)) throw new RangeError(`Not a storage key: ${key}`);
  return join(root, key);
}

/**
 * Stores bytes under root/folder/<random> and returns the key to find them again, with their
 * SHA-256. The random name keeps people's file names (and guesses) out of the file system.
 */
export async function storeUpload(root: string, folder: string, bytes: Buffer): Promise<{ key: string; sha256: string; size: number }> {
  const key = `${folder}/${randomBytes(16).toString('hex')}`;
  const path = pathOf(root, key);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes, { flag: 'wx', mode: 0o640 });
  return { key, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
}

/** The stored bytes, or null when the file is gone. */
export async function readUpload(root: string, key: string): Promise<Buffer | null> {
  try {
    return await readFile(pathOf(root, key));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Removes a stored file; a file already gone is not an error. */
export async function removeUpload(root: string, key: string): Promise<void> {
  await rm(pathOf(root, key), { force: true });
}

/**
 * A file name as people see it again on download: no folders, no control or direction-override
 * characters, at most 150 characters; the fallback when nothing is left.
 */
export function cleanFileName(raw: string | undefined, fallback: string): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069"]/g, '')
    .trim()
    .slice(0, 150);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : fallback;
}

/** A Content-Disposition header for downloading a file under its original (possibly Persian) name. */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encoded}`;
}
