// Functions behind `npx mahalle moderation train | check | eval` (wired in src/main.ts).
// They do the file and stream I/O around the pure core and write their report to `output`.

import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse/sync';
import { normalizePersian } from '../../platform/persian/index.ts';
import { train, type Example, type Model, type TrainOptions } from './classifier.ts';
import { loadModel, modelPath, saveModel, shippedModelPath } from './model-file.ts';
import { moderate } from './pipeline.ts';
import { trainSeedModel } from './seed-model.ts';
import type { ModerationConfig, ModerationSubject, Verdict } from './types.ts';

export interface Output {
  write(chunk: string): unknown;
}

const stdout: Output = { write: (s) => process.stdout.write(s) };

// ---------------------------------------------------------------------------------------------
// Labelled CSV files

const POSITIVE = new Set(['offensive', 'off', '1', 'hate', 'true', 'yes', 'abusive', 'insult']);
const NEGATIVE = new Set(['neutral', 'not', '0', 'not_hate', 'false', 'no', 'clean', 'normal']);

/** Maps a label value (Offensive/Neutral, OFF/NOT, 1/0, hate/not_hate…) to 1/0, or null. */
export function parseLabel(value: string | undefined): 0 | 1 | null {
  const v = (value ?? '').trim().toLowerCase();
  if (POSITIVE.has(v)) return 1;
  if (NEGATIVE.has(v)) return 0;
  return null;
}

export interface LabelledData {
  examples: Example[];
  /** Rows without text or with a label that is not recognised. */
  skipped: number;
  labelColumn: string;
}

/** Parses CSV text with a `text` column and a `label` (or `level_a`) column. */
export function parseLabelledCsv(csv: string | Buffer): LabelledData {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  const first = rows[0] ?? {};
  const labelColumn = ['label', 'level_a', 'class', 'offensive'].find((c) => c in first);
  if (!('text' in first) || !labelColumn) {
    if (rows.length === 0) return { examples: [], skipped: 0, labelColumn: 'label' };
    throw new Error('CSV needs a header with a "text" column and a "label" column');
  }
  const examples: Example[] = [];
  let skipped = 0;
  for (const r of rows) {
    const label = parseLabel(r[labelColumn]);
    const text = r.text ?? '';
    if (label === null || text.trim() === '') skipped++;
    else examples.push({ text, label });
  }
  return { examples, skipped, labelColumn };
}

export async function readLabelledCsv(path: string): Promise<LabelledData> {
  return parseLabelledCsv(await readFile(path));
}

/**
 * Parses a subject file: the first non-empty line is the title, the other lines the lead and
 * body; a line `names: A، B` (or `نام‌ها: …`) lists the persons named by the subject.
 */
export function parseSubject(text: string): ModerationSubject {
  const names: string[] = [];
  const rest: string[] = [];
  let title: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:names|نام‌ها|نامها|نام ها)\s*:\s*(.*)$/iu.exec(line);
    if (m) {
      names.push(...m[1]!.split(/[,،;؛]/).map((s) => s.trim()).filter((s) => s !== ''));
      continue;
    }
    if (title === undefined) {
      if (line.trim() !== '') title = line.trim();
      continue;
    }
    rest.push(line);
  }
  const subject: ModerationSubject = { title: title ?? '', body: rest.join('\n').trim() };
  if (names.length > 0) subject.names = names;
  return subject;
}

async function readSubject(path: string | undefined): Promise<ModerationSubject | null> {
  return path === undefined ? null : parseSubject(await readFile(path, 'utf8'));
}

function resolveModel(model: Model | string | null | undefined): Model | null {
  if (model === null) return null;
  if (typeof model === 'object') return model;
  return loadModel(model);
}

// ---------------------------------------------------------------------------------------------
// train

export interface TrainCommandOptions {
  /** CSV file(s) with columns text,label. */
  data: string | string[];
  /** Where to write the model (default: MODERATION_MODEL, else the shipped model path). */
  out?: string;
  json?: boolean;
  output?: Output;
  train?: TrainOptions;
}

export interface TrainReport {
  out: string;
  examples: number;
  offensive: number;
  clean: number;
  skipped: number;
  features: number;
  bytes: number;
}

/** `moderation train --data FILE.csv [--out model.json]`: trains and writes a model file. */
export async function trainCommand(opts: TrainCommandOptions): Promise<TrainReport> {
  const files = Array.isArray(opts.data) ? opts.data : [opts.data];
  const examples: Example[] = [];
  let skipped = 0;
  for (const f of files) {
    const d = await readLabelledCsv(f);
    examples.push(...d.examples);
    skipped += d.skipped;
  }
  if (examples.length === 0) throw new Error('no labelled rows found (columns text,label)');
  const model = train(examples, { note: `trained on ${files.join(', ')}`, ...opts.train });
  const out = opts.out ?? modelPath();
  const bytes = await saveModel(model, out);
  const offensive = examples.filter((e) => e.label === 1).length;
  const report: TrainReport = {
    out,
    examples: examples.length,
    offensive,
    clean: examples.length - offensive,
    skipped,
    features: model.meta?.features ?? Object.keys(model.weights).length,
    bytes,
  };
  const w = opts.output ?? stdout;
  if (opts.json) w.write(`${JSON.stringify(report)}\n`);
  else {
    w.write(
      `مدل آموزش دید: ${report.examples} نمونه (توهین‌آمیز ${report.offensive}، عادی ${report.clean}، ردشده ${report.skipped})، ` +
        `${report.features} ویژگی، ${report.bytes} بایت → ${out}\n`,
    );
  }
  return report;
}

/** Rewrites the shipped model.json from the seed examples (reproducible). */
export async function buildSeedModelCommand(opts: { out?: string; output?: Output } = {}): Promise<TrainReport> {
  const model = trainSeedModel();
  const out = opts.out ?? shippedModelPath;
  const bytes = await saveModel(model, out);
  const report: TrainReport = {
    out,
    examples: model.meta?.examples ?? 0,
    offensive: model.meta?.positives ?? 0,
    clean: (model.meta?.examples ?? 0) - (model.meta?.positives ?? 0),
    skipped: 0,
    features: model.meta?.features ?? 0,
    bytes,
  };
  (opts.output ?? stdout).write(`${JSON.stringify(report)}\n`);
  return report;
}

// ---------------------------------------------------------------------------------------------
// check

export interface CheckCommandOptions {
  subjectFile?: string;
  json?: boolean;
  /** JSON lines {"text": "…"} */
  input: NodeJS.ReadableStream;
  output?: Output;
  /** A model, a model path, or null for none (default: loadModel()). */
  model?: Model | string | null;
  config?: Partial<ModerationConfig>;
}

export interface CheckSummary {
  count: number;
  published: number;
  held: number;
  rejected: number;
  errors: number;
}

/**
 * `moderation check [--subject FILE.txt] [--json]`: one verdict per input line, in order,
 * running every phase that needs no user history. A line that is not `{"text": string}`
 * yields `{"error": …}` in its place.
 */
export async function checkCommand(opts: CheckCommandOptions): Promise<CheckSummary> {
  const subject = await readSubject(opts.subjectFile);
  const model = resolveModel(opts.model);
  const w = opts.output ?? stdout;
  const summary: CheckSummary = { count: 0, published: 0, held: 0, rejected: 0, errors: 0 };
  const rl = createInterface({ input: opts.input, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    summary.count++;
    let text: unknown;
    try {
      text = (JSON.parse(line) as { text?: unknown }).text;
    } catch {
      text = undefined;
    }
    if (typeof text !== 'string') {
      summary.errors++;
      w.write(`${JSON.stringify({ error: 'هر سطر باید یک شیء JSON با کلید text باشد' })}\n`);
      continue;
    }
    const v = moderate({ text, subject }, opts.config, model);
    summary[v.decision]++;
    if (opts.json) w.write(`${JSON.stringify(v)}\n`);
    else w.write(`${formatVerdict(v)}\t${normalizePersian(text).replace(/\s+/g, ' ')}\n`);
  }
  return summary;
}

const decisionFa = { published: 'منتشر', held: 'در انتظار بررسی', rejected: 'رد' } as const;

/** One-line human-readable verdict: decision, reason codes, offensive score. */
export function formatVerdict(v: Verdict): string {
  const codes = v.reasons.map((r) => (r.detail ? `${r.code}(${r.detail})` : r.code)).join(',');
  const score = v.scores.offensive === undefined ? '' : ` offensive=${v.scores.offensive}`;
  return `${v.decision} [${decisionFa[v.decision]}]${codes ? ` ${codes}` : ''}${score}`;
}

// ---------------------------------------------------------------------------------------------
// eval

export interface EvalMetrics {
  rows: number;
  positives: number;
  /** Rows the pipeline did not publish (held or rejected). */
  flagged: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  skipped: number;
  /** How many flagged rows carry each reason code. */
  reasons: Record<string, number>;
}

/** Precision, recall and F1 of "not published" against the label, over labelled examples. */
export function evaluate(
  examples: readonly Example[],
  subject: ModerationSubject | null,
  model: Model | null,
  config: Partial<ModerationConfig> = {},
): Omit<EvalMetrics, 'skipped'> {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const reasons: Record<string, number> = {};
  for (const e of examples) {
    const v = moderate({ text: e.text, subject }, config, model);
    const flagged = v.decision !== 'published';
    if (flagged) for (const c of new Set(v.reasons.map((r) => r.code))) reasons[c] = (reasons[c] ?? 0) + 1;
    if (flagged && e.label === 1) tp++;
    else if (flagged) fp++;
    else if (e.label === 1) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { rows: examples.length, positives: tp + fn, flagged: tp + fp, tp, fp, fn, tn, precision, recall, f1, reasons };
}

export interface EvalCommandOptions {
  data: string;
  subjectFile?: string;
  /** A model, a model path, or null for none (default: loadModel()). */
  model?: Model | string | null;
  json?: boolean;
  output?: Output;
  config?: Partial<ModerationConfig>;
}

/** `moderation eval --data FILE.csv [--subject FILE.txt] [--json]`. */
export async function evalCommand(opts: EvalCommandOptions): Promise<EvalMetrics> {
  const data = await readLabelledCsv(opts.data);
  const subject = await readSubject(opts.subjectFile);
  const m = evaluate(data.examples, subject, resolveModel(opts.model), opts.config);
  const metrics: EvalMetrics = { ...m, skipped: data.skipped };
  const w = opts.output ?? stdout;
  if (opts.json) w.write(`${JSON.stringify(metrics)}\n`);
  else {
    const f = (x: number) => x.toFixed(3);
    w.write(
      `${opts.data}: ${metrics.rows} سطر، ${metrics.positives} توهین‌آمیز، ${metrics.flagged} منتشرنشده\n` +
        `precision ${f(metrics.precision)}  recall ${f(metrics.recall)}  F1 ${f(metrics.f1)}  ` +
        `(TP ${metrics.tp}، FP ${metrics.fp}، FN ${metrics.fn}، TN ${metrics.tn})\n`,
    );
  }
  return metrics;
}
