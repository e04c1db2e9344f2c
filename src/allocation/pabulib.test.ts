// The .pb parser and writer: sections, CSV quoting with `;` and `"`, CRLF/LF, lists, typed
// columns, the engine input, and round trips (a property, and a few real files when
// ../shared/data/pabulib is present).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { methodForRule, officialSelection, parsePb, PbParseError, pbToInput, splitList, writePb } from './pabulib.ts';

const sample = [
  'META',
  'key;value',
  'description;Test Green budget',
  'comment;"#1: quoted; with ""quotes"""',
  'budget;1000',
  'vote_type;cumulative',
  'rule;greedy',
  'min_project_score_threshold;5',
  'PROJECTS',
  'project_id;cost;votes;score;name;category;target;selected',
  '1;600;3;12;"Park; playground";education,sport;children;1',
  '2;500;2;9;Lights;;;0',
  '3;999999999;2;9;Withdrawn;;;0',
  '4;10;1;2;"Two',
  'lines";culture;;',
  'VOTES',
  'voter_id;vote;points;age',
  'a;1,2;7,3;30',
  'b;1,3;5,5;',
  'c;2,1;1,0;44',
  'd;4, 3;2,0;19',
].join('\r\n') + '\r\n';

describe('parsePb', () => {
  const file = parsePb(sample);

  test('META is a map of strings; quotes are removed and doubled quotes undone', () => {
    assert.equal(file.meta.get('description'), 'Test Green budget');
    // A quote inside an unquoted field is literal.
    assert.equal(parsePb('META\nkey;value\nx;say "hi"\nPROJECTS\nproject_id;cost\n').meta.get('x'), 'say "hi"');
    // An unquoted `;` inside a META value is not valid pabulib, but it is kept rather than lost.
    assert.equal(parsePb('META\nkey;value\nx;a;b\nPROJECTS\nproject_id;cost\n').meta.get('x'), 'a;b');
    assert.equal(file.meta.get('comment'), '#1: quoted; with "quotes"');
    assert.equal(file.meta.get('budget'), '1000');
    assert.equal(file.eol, '\r\n');
  });

  test('projects keep every column as a string and get typed fields', () => {
    assert.equal(file.projects.length, 4);
    const [p1, p2, , p4] = file.projects;
    assert.deepEqual(p1!.fields, { project_id: '1', cost: '600', votes: '3', score: '12', name: 'Park; playground', category: 'education,sport', target: 'children', selected: '1' });
    assert.equal(p1!.id, '1');
    assert.equal(p1!.cost, 600);
    assert.equal(p1!.votes, 3);
    assert.equal(p1!.score, 12);
    assert.equal(p1!.selected, 1);
    assert.deepEqual(p1!.category, ['education', 'sport']);
    assert.deepEqual(p1!.target, ['children']);
    assert.deepEqual(p2!.category, []);
    assert.equal(p4!.name, 'Two\r\nlines');
    assert.equal(p4!.selected, null);
  });

  test('votes: lists, points, rows as written', () => {
    assert.equal(file.votes.length, 4);
    assert.deepEqual(file.votes[0], { row: ['a', '1,2', '7,3', '30'], voterId: 'a', vote: ['1', '2'], points: [7, 3] });
    assert.deepEqual(file.votes[3]!.vote, ['4', '3']);
    assert.deepEqual(splitList(' 1 ,,2, '), ['1', '2']);
  });

  test('LF files and files without VOTES parse too', () => {
    const lf = parsePb(sample.replaceAll('\r\n', '\n'));
    assert.equal(lf.eol, '\n');
    assert.deepEqual(lf.projects.map((p) => p.id), ['1', '2', '3', '4']);
    const novotes = parsePb('META\nkey;value\nbudget;5\nPROJECTS\nproject_id;cost;votes\n1;5;0');
    assert.deepEqual(novotes.votes, []);
    assert.equal(novotes.finalEol, false);
  });

  test('malformed files are refused with the line', () => {
    assert.throws(() => parsePb('PROJECTS\nproject_id;cost\n'), PbParseError);
    assert.throws(() => parsePb('META\nkey;value\nbudget;5\n'), /no PROJECTS/);
    assert.throws(() => parsePb('META\nkey;value\nPROJECTS\nproject_id;cost\n1;2;3\n'), /line 5: 3 fields where the header has 2/);
    assert.throws(() => parsePb('META\nkey;value\nPROJECTS\nproject_id;cost\n1;abc\n'), /cost is not a number/);
    assert.throws(() => parsePb('META\nkey;value\nPROJECTS\nproject_id;name\n1;"open\n'), /unterminated/);
  });
});

describe('writePb', () => {
  test('round trip is byte-identical (CRLF, quoting, lists, a line break inside a field)', () => {
    assert.equal(writePb(parsePb(sample)), sample);
    const lf = sample.replaceAll('\r\n', '\n').slice(0, -1);
    assert.equal(writePb(parsePb(lf)), lf);
  });

  test('edits to fields and rows are written, quoted only where needed', () => {
    const file = parsePb(sample);
    file.projects[1]!.fields.name = 'Lights "LED"; street';
    file.votes[0]!.row[3] = '31';
    const again = parsePb(writePb(file));
    assert.equal(again.projects[1]!.name, 'Lights "LED"; street');
    assert.equal(again.votes[0]!.row[3], '31');
    assert.match(writePb(file), /2;500;2;9;"Lights ""LED""; street";;;0/);
  });

  test('property: any field text survives write → parse', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'ب', ';', '"', ',', ' ', '\n', '\r\n', '1') });
    fc.assert(
      fc.property(fc.array(fc.record({ name: text, category: text }), { maxLength: 5 }), text, (rows, comment) => {
        const file = parsePb('META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost;name;category\nVOTES\nvoter_id;vote\n');
        file.meta.set('comment', comment);
        file.projects = rows.map((r, i) => ({
          fields: { project_id: `p${i}`, cost: '1', name: r.name, category: r.category },
          id: `p${i}`, name: r.name, cost: 1, votes: null, score: null, selected: null, category: [], target: [],
        }));
        const back = parsePb(writePb(file));
        // A META value or a field that is only whitespace/empty round-trips as written.
        assert.equal(back.meta.get('comment'), comment);
        assert.deepEqual(back.projects.map((p) => p.fields), file.projects.map((p) => p.fields));
      }),
      { numRuns: 300 },
    );
  });
});

describe('pbToInput and rules', () => {
  test('points files rank by score; withdrawn and below-threshold projects are ineligible; ballots from VOTES', () => {
    const input = pbToInput(parsePb(sample));
    assert.equal(input.budget, 1000);
    assert.equal(input.rankBy, 'value');
    assert.deepEqual(input.projects.map((p) => [p.id, p.value, p.ineligible ?? null]), [
      ['1', 12, null],
      ['2', 9, null],
      ['3', 9, 'withdrawn'],
      ['4', 2, 'below_threshold'],
    ]);
    assert.deepEqual(input.ballots, [['1', '2'], ['1', '3'], ['2', '1'], ['4', '3']]);
    assert.deepEqual(officialSelection(parsePb(sample)), ['1']);
  });

  test('approval files rank by approvals counted from the ballots', () => {
    const input = pbToInput(parsePb('META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost;votes\n1;5;9\n2;5;1\nVOTES\nvoter_id;vote\n1;2\n2;2,1\n'));
    assert.equal(input.rankBy, 'approvals');
    assert.deepEqual(input.projects.map((p) => p.value), [9, 1]);
  });

  test('META rule → engine', () => {
    assert.deepEqual(methodForRule('greedy'), { method: 'greedy' });
    assert.deepEqual(methodForRule('greedy-no-skip'), { method: 'greedy-no-skip' });
    assert.deepEqual(methodForRule('equalshares/add1'), { method: 'mes-add1' });
    assert.deepEqual(methodForRule('equalshares/add1-comparison'), { method: 'mes-add1', mes: { comparison: 'satisfaction' } });
    assert.equal(methodForRule('greedy-custom'), null);
  });
});

const pbDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/pabulib/pb');
const realFiles = ['Netherlands_Assen_2024.pb', 'Poland_Gdynia_2020_Dabrowa__large.pb', 'Poland_Czestochowa_2024_Dzbow.pb', 'Poland_Krakow_2024_Bienczyce.pb', 'Poland_Wroclaw_2016_Rejon_nr_11_250.pb'];

test('real pabulib files: byte-identical round trip, META counts match the rows', { skip: existsSync(pbDir) ? false : `${pbDir} is absent (data kept outside the repository)` }, () => {
  for (const f of realFiles) {
    const text = readFileSync(path.join(pbDir, f), 'utf8');
    const file = parsePb(text);
    assert.equal(writePb(file), text, f);
    assert.equal(Number(file.meta.get('num_projects')), file.projects.length, f);
    assert.equal(Number(file.meta.get('num_votes')), file.votes.length, f);
  }
});

describe('eval: causes of a mismatch are computed from the file', async () => {
  const { explainMismatch } = await import('../../scripts/eval-allocation.ts');
  // Budget 100; ranking by votes: a (60), b (50), c (40), d (30, tied with c on votes).
  const text = (rule: string) => [
    'META', 'key;value', 'budget;100', 'vote_type;approval', `rule;${rule}`,
    'PROJECTS', 'project_id;cost;votes;name;selected', 'a;60;4;A;1', 'b;50;3;B;0', 'c;40;2;C;0', 'd;30;2;D;0',
    'VOTES', 'voter_id;vote', '1;a,b,c,d', '2;a,b,c,d', '3;a,b', '4;a',
  ].join('\n');
  const explain = (rule: string, official: string[], ours: string[]) => {
    const file = parsePb(text(rule));
    return explainMismatch(file, pbToInput(file), rule, official, ours);
  };

  test('a tie broken the other way', () => {
    // Engine: a, then c (tied with d, first in file order). The city took d instead.
    const causes = explain('greedy', ['a', 'd'], ['a', 'c']);
    assert.ok(causes.some((c) => /tie in the ranking/.test(c)), causes.join('\n'));
    assert.ok(causes.some((c) => /the city skipped c/.test(c)), causes.join('\n'));
  });

  test('a project funded with too little left, and an over-budget selection', () => {
    const causes = explain('greedy', ['a', 'b'], ['a', 'c']);
    assert.ok(causes.includes('official selection costs 110, over the budget 100'), causes.join('\n'));
    assert.ok(causes.some((c) => /official funds b \(cost 50\) when only 40 was left/.test(c)), causes.join('\n'));
  });

  test('greedy-no-skip: the city went on after a project that did not fit', () => {
    const causes = explain('greedy-no-skip', ['a', 'c'], ['a']);
    assert.ok(causes.some((c) => /should stop at b, but the city went on to fund c/.test(c)), causes.join('\n'));
  });

  test('a votes column that disagrees with the ballots', () => {
    const file = parsePb(text('greedy').replace('b;50;3;B;0', 'b;50;9;B;0'));
    const causes = explainMismatch(file, pbToInput(file), 'greedy', ['a'], ['a', 'c']);
    assert.ok(causes.some((c) => /votes column differs from the ballots in VOTES for b/.test(c)), causes.join('\n'));
  });
});
