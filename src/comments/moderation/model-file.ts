// Reading and writing model files (the only file I/O of the moderation core; used by the CLI
// and by the server at start-up). The pipeline itself takes the model as an argument.

import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseModel, type Model } from './classifier.ts';

/** The model shipped with Mahalle, trained from the seed examples. */
export const shippedModelPath = fileURLToPath(new URL('./model.json', import.meta.url));

/** Path of the model to use: the argument, else MODERATION_MODEL, else the shipped model. */
export function modelPath(path?: string): string {
  return path || process.env.MODERATION_MODEL || shippedModelPath;
}

/** Loads and checks a model file (synchronously, for start-up). */
export function loadModel(path?: string): Model {
  const p = modelPath(path);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(p, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read moderation model ${p}: ${(err as Error).message}`);
  }
  return parseModel(json);
}

/** Writes a model as compact JSON (one line) and returns its size in bytes. */
export async function saveModel(model: Model, path: string): Promise<number> {
  const text = `${JSON.stringify(model)}\n`;
  await writeFile(path, text);
  return Buffer.byteLength(text);
}
