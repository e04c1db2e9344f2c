// The pabulib `.pb` format (pabulib.org/format): three `;`-separated CSV sections, META, PROJECTS
// and VOTES. Mahalle reads it to check its engines against real elections and can write it so an
// outcome can be recomputed by anyone with a third-party tool. Pure functions, no I/O.

import type { AllocationInput, Method, Project } from './engines/types.ts';
import type { MesOptions } from './engines/mes.ts';

export interface PbProject {
  /** Every column exactly as written (quotes removed), keyed by the PROJECTS header. */
  fields: Record<string, string>;
  id: string;
  name: string;
  cost: number;
  /** Number of ballots that list the project (`votes` column), or null when absent. */
  votes: number | null;
  /** Points (`score` column: cumulative points, or ordinal positions), or null when absent. */
  score: number | null;
  /** Official outcome: 1 funded by the rule, 0 not, 2/3 funded outside the rule; null when absent or empty. */
  selected: number | null;
  category: string[];
  /** Target groups: the `target` column of older files, `beneficiaries` of newer ones. */
  target: string[];
}

export interface PbVote {
  /** The row as written (quotes removed), one value per column of `voteColumns`. */
  row: string[];
  voterId: string;
  /** Project ids; in preference order for ordinal ballots. */
  vote: string[];
  /** Cumulative ballots: the points given to each project of `vote`, same order. */
  points: number[] | null;
}

export interface PbFile {
  meta: Map<string, string>;
  /** The header rows as written (`key;value`, `project_id;cost;…`, `voter_id;vote;…`). */
  metaColumns: string[];
  projectColumns: string[];
  projects: PbProject[];
  voteColumns: string[];
  votes: PbVote[];
  /** Line ending of the file, kept so a parsed file writes back byte for byte. */
  eol: '\r\n' | '\n';
  finalEol: boolean;
}

export class PbParseError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'PbParseError';
  }
}

const SECTIONS = ['META', 'PROJECTS', 'VOTES'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * Calls `onRow` with the fields of each non-empty row. Most lines have no quote at all, so they
 * are split on `;` directly; a line with a `"` goes through the quoted-field scanner, which may
 * run past line ends (a quoted field may hold a line break).
 */
function eachRow(text: string, onRow: (fields: string[], line: number) => void): void {
  let pos = 0;
  let line = 0;
  const n = text.length;
  // Position of the next `"` at or after pos (n when none): searched again only once passed.
  let quote = -1;
  while (pos < n) {
    line++;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    if (quote < pos) {
      quote = text.indexOf('"', pos);
      if (quote < 0) quote = n;
    }
    if (quote > end) {
      const stop = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (stop > pos) onRow(text.slice(pos, stop).split(';'), line);
      pos = end + 1;
      continue;
    }
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let i = pos;
    let quoted = false;
    for (;;) {
      if (i >= n) {
        if (quoted) throw new PbParseError('unterminated quoted field', startLine);
        break;
      }
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        continue;
      }
      if (ch === '"' && field === '') {
        quoted = true;
        i++;
      } else if (ch === ';') {
        fields.push(field);
        field = '';
        i++;
      } else if (ch === '\n') {
        break;
      } else if (ch === '\r' && text[i + 1] === '\n') {
        i++;
      } else {
        field += ch;
        i++;
      }
    }
    fields.push(field);
    pos = i + 1;
    onRow(fields, startLine);
  }
}

function num(s: string | undefined): number | null {
  if (s === undefined) return null;
  const t = s.trim();
  if (t === '') return null;
  // Some pabulib files write decimals with a comma; the checker accepts them the same way.
  const v = Number(t.replace(',', '.'));
  return Number.isFinite(v) ? v : null;
}

/** Comma-separated list inside a field, items trimmed, empty items dropped. */
export function splitList(s: string | undefined): string[] {
  if (!s) return [];
  // Most lists are written tightly ("12,7,31"); only the others need trimming.
  if (!/\s|,,|^,|,$/.test(s)) return s.split(',');
  const out: string[] = [];
  for (const item of s.split(',')) {
    const t = item.trim();
    if (t) out.push(t);
  }
  return out;
}

function record(columns: string[], values: string[], line: number): Record<string, string> {
  if (values.length !== columns.length) {
    throw new PbParseError(`${values.length} fields where the header has ${columns.length}`, line);
  }
  const r: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) r[columns[i]!] = values[i]!;
  return r;
}

export function parsePb(text: string): PbFile {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstNl = text.indexOf('\n');
  const file: PbFile = {
    meta: new Map(),
    metaColumns: [],
    projectColumns: [],
    projects: [],
    voteColumns: [],
    votes: [],
    eol: firstNl > 0 && text[firstNl - 1] === '\r' ? '\r\n' : '\n',
    finalEol: text.endsWith('\n'),
  };
  let section: Section | null = null;
  let header: string[] | null = null;
  let voteAt = -1;
  let voterAt = -1;
  let pointsAt = -1;
  const seen = new Set<Section>();
  eachRow(text, (fields, line) => {
    if (fields.length === 1 && (SECTIONS as readonly string[]).includes(fields[0]!.trim())) {
      section = fields[0]!.trim() as Section;
      if (seen.has(section)) throw new PbParseError(`section ${section} appears twice`, line);
      seen.add(section);
      header = null;
      return;
    }
    if (section === null) throw new PbParseError('data before the META section', line);
    if (header === null) {
      header = fields.map((f) => f.trim());
      if (section === 'META') file.metaColumns = header;
      else if (section === 'PROJECTS') file.projectColumns = header;
      else {
        file.voteColumns = header;
        voteAt = header.indexOf('vote');
        voterAt = header.indexOf('voter_id');
        pointsAt = header.indexOf('points');
      }
      return;
    }
    if (section === 'META') {
      if (fields.length < 2) throw new PbParseError('META row without a value', line);
      file.meta.set(fields[0]!.trim(), fields.slice(1).join(';'));
    } else if (section === 'PROJECTS') {
      const f = record(header, fields, line);
      const id = (f.project_id ?? '').trim();
      const cost = num(f.cost);
      if (!id) throw new PbParseError('project without project_id', line);
      if (cost === null) throw new PbParseError(`project ${id}: cost is not a number`, line);
      file.projects.push({
        fields: f,
        id,
        name: f.name ?? '',
        cost,
        votes: num(f.votes),
        score: num(f.score),
        selected: num(f.selected),
        category: splitList(f.category),
        target: splitList(f.target ?? f.beneficiaries),
      });
    } else {
      if (fields.length !== header.length) throw new PbParseError(`${fields.length} fields where the header has ${header.length}`, line);
      file.votes.push({
        row: fields,
        voterId: voterAt >= 0 ? fields[voterAt]!.trim() : '',
        vote: voteAt >= 0 ? splitList(fields[voteAt]) : [],
        points: pointsAt >= 0 ? splitList(fields[pointsAt]).map(Number) : null,
      });
    }
  });
  if (!seen.has('META')) throw new PbParseError('no META section', 1);
  if (!seen.has('PROJECTS')) throw new PbParseError('no PROJECTS section', 1);
  return file;
}

const NEEDS_QUOTES = /[;"\r\n]/;
function quote(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * Writes `fields` of projects and `row` of votes (the typed properties are derived from them and
 * are not read back), quoting a
 * field only when it holds `;`, `"` or a line break, as the pabulib files do.
 */
export function writePb(file: PbFile): string {
  const lines: string[] = ['META', file.metaColumns.map(quote).join(';') || 'key;value'];
  for (const [k, v] of file.meta) lines.push(`${quote(k)};${quote(v)}`);
  lines.push('PROJECTS', file.projectColumns.map(quote).join(';'));
  for (const p of file.projects) lines.push(file.projectColumns.map((c) => quote(p.fields[c] ?? '')).join(';'));
  lines.push('VOTES', file.voteColumns.map(quote).join(';'));
  for (const v of file.votes) lines.push(v.row.map(quote).join(';'));
  return lines.join(file.eol) + (file.finalEol ? file.eol : '');
}

/** pabulib's marker for a project withdrawn after the vote (pabulib checker, SENTINEL_PROJECT_COST). */
export const WITHDRAWN_COST = 999999999;

/**
 * The engines' input from a `.pb` file: ballots are the VOTES lists (an ordinal or cumulative
 * ballot counts as approval of the projects it lists); greedy ranks by the `score` column when the
 * file has one (points), else by approvals counted from the ballots; projects with the withdrawn
 * cost or under META `min_project_score_threshold` are ineligible.
 */
export function pbToInput(file: PbFile): AllocationInput {
  const budget = num(file.meta.get('budget')) ?? 0;
  const hasScore = file.projectColumns.includes('score');
  const threshold = num(file.meta.get('min_project_score_threshold'));
  const projects: Project[] = file.projects.map((p) => {
    const value = (hasScore ? p.score : p.votes) ?? undefined;
    const project: Project = { id: p.id, cost: p.cost, value };
    if (p.cost === WITHDRAWN_COST) project.ineligible = 'withdrawn';
    else if (threshold !== null && (value ?? 0) < threshold) project.ineligible = 'below_threshold';
    return project;
  });
  const ballots = file.votes.map((v) => v.vote);
  return {
    budget,
    projects,
    ...(ballots.length > 0 ? { ballots } : {}),
    rankBy: hasScore || ballots.length === 0 ? 'value' : 'approvals',
  };
}

/** Projects the city funded through the rule itself (`selected == 1`; 2 and 3 are outside the rule). */
export function officialSelection(file: PbFile): string[] {
  return file.projects.filter((p) => p.selected === 1).map((p) => p.id);
}

export interface RuleMethod {
  method: Exclude<Method, 'optimal'>;
  mes?: MesOptions;
}

/** Which engine (and options) reproduces a META `rule`, or null when Mahalle has no engine for it. */
export function methodForRule(rule: string | undefined): RuleMethod | null {
  switch ((rule ?? '').trim()) {
    case 'greedy':
      return { method: 'greedy' };
    case 'greedy-no-skip':
      return { method: 'greedy-no-skip' };
    case 'equalshares':
      return { method: 'mes' };
    case 'equalshares-comparison':
      return { method: 'mes', mes: { comparison: 'satisfaction' } };
    case 'equalshares/add1':
      return { method: 'mes-add1' };
    case 'equalshares/add1-comparison':
      return { method: 'mes-add1', mes: { comparison: 'satisfaction' } };
    default:
      return null;
  }
}
