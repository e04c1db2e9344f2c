import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('../../../public/css/site.css', import.meta.url), 'utf8');
const monitoringCss = readFileSync(new URL('../../../public/css/monitoring.css', import.meta.url), 'utf8');
const rules = (css + monitoringCss).replace(/\/\*[\s\S]*?\*\//g, '');

test('the stylesheets use logical properties only, so the layout mirrors for RTL', () => {
  const physical = rules.match(/(^|[\s;{])(margin|padding|border)-(left|right)\b|(^|[\s;{])(left|right)\s*:|text-align\s*:\s*(left|right)|float\s*:\s*(left|right)/gm);
  assert.equal(physical, null, `physical properties: ${physical?.join(', ')}`);
});

test('Vazirmatn is self-hosted with font-display: swap, and focus is always visible', () => {
  const faces = rules.match(/@font-face\s*{[^}]*}/g) ?? [];
  const regular = faces.find((f) => f.includes('/static/fonts/Vazirmatn-NL-Regular.woff2'));
  assert.ok(regular, 'a @font-face for the self-hosted regular weight');
  assert.match(regular, /font-display:\s*swap/);
  assert.match(rules, /:focus-visible/);
  assert.ok(css.length < 24_000, `${css.length} bytes of CSS`);
});
