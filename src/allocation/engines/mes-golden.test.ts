// Golden outputs of other Equal Shares implementations (../shared/data/pabulib/mes-reference:
// the equalshares.net tool and pabutools), and the elections whose official outcome came from
// Equal Shares or depends on greedy's tie order. The data stays outside the repository: without
// it these tests are skipped with the reason. `npm run eval:allocation` runs all 585 files.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateFile, goldenCases, pabulibDir } from '../../../scripts/eval-allocation.ts';

const golden = path.join(pabulibDir, 'mes-reference');
const pb = path.join(pabulibDir, 'pb');
const absent = (p: string) => (existsSync(p) ? false : `${p} is absent (pabulib data is kept outside the repository)`);

describe('MES golden cases', { skip: absent(golden) }, () => {
  if (!existsSync(golden)) return;
  for (const c of goldenCases(golden)) {
    test(`${c.source} ${c.fixture} ${c.name}`, () => {
      const r = c.run();
      assert.ok(r.identical, r.note);
    });
  }
});

// Equal Shares files (the Add1 variant pabulib uses, and Wieliczka's comparison step) and the
// nine greedy files where only file order among tied projects reproduces the official outcome.
const files = [
  'Netherlands_Assen_2024.pb',
  'Poland_Swiecie_2023.pb',
  'Poland_Wieliczka_2023_Green_Budget.pb',
  'Poland_Czestochowa_2024_Dzbow.pb',
  'Poland_Gdynia_2020_Babie_Doly__small.pb',
  'Poland_Gdynia_2024_Srodmiescie__large.pb',
  'Poland_Krakow_2022_Czyzyny.pb',
  'Poland_Krakow_2024_Krowodrza.pb',
  'Poland_Warszawa_2019_Brodno.pb',
  'Poland_Warszawa_2019_Okecie.pb',
  'Poland_Warszawa_2019_Targowek_Mieszkaniowy.pb',
  'Poland_Warszawa_2020_Rembertow.pb',
];

describe('official outcomes', { skip: absent(pb) }, () => {
  for (const f of files) {
    test(f, { skip: absent(path.join(pb, f)) }, () => {
      const e = evaluateFile(f, readFileSync(path.join(pb, f), 'utf8'))!;
      assert.ok(e.identical, `official ${e.official.join(',')} vs engine ${e.ours.join(',')}: ${e.causes.join('; ')}`);
      if (e.tieSensitive !== null) assert.equal(e.tieSensitive, true, 'the outcome depends on tie order');
    });
  }
});
