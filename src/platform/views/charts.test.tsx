import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'preact-render-to-string';
import { formatMoney } from '../persian/money.ts';
import { BarChart, chartMemoSize, LineChart } from './charts.tsx';

/** Text a reader sees: tags dropped, entities decoded roughly. */
const visibleText = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');

const bars = [
  { label: 'اعتیاد', value: 12_000_000_000, href: '/results/harms/ADDICTION?x=1&y=2' },
  { label: 'طلاق و گسست خانواده', value: 5_000_000_000 },
  { label: 'کودکان کار', value: 750_000 },
];

test('a bar chart is a figure with caption, an SVG from Plot and a table of the same numbers', () => {
  const html = render(<BarChart title="هزینه به تفکیک آسیب" data={bars} format={(n) => formatMoney(n, 'rial')} unit="ریال" />);
  assert.match(html, /^<figure class="chart chart-bar"><figcaption>هزینه به تفکیک آسیب/);
  assert.match(html, /<svg[^>]*role="img"[^>]*><title>هزینه به تفکیک آسیب<\/title>/);
  assert.match(html, /aria-label="هزینه به تفکیک آسیب"/);
  assert.match(html, /<details class="chart-data"><summary>جدول داده‌ها<\/summary>/);
  assert.match(html, /<caption>هزینه به تفکیک آسیب<\/caption>/);
  assert.match(html, /<td class="num">۱۲٬۰۰۰٬۰۰۰٬۰۰۰ ریال<\/td>/);
  // The link of a bar, in the SVG and in the table, with its & escaped.
  assert.equal((html.match(/href="\/results\/harms\/ADDICTION\?x=1&amp;y=2"/g) ?? []).length, 2);
  // What the CSP forbids is gone: Plot's <style> element and style="" attributes.
  assert.doesNotMatch(html, /<style|style="/);
  // Bars grow from the right: the category axis is on the right (text-anchor start after the bars).
  assert.match(html, /aria-label="y-axis tick label"/);
  assert.match(html, /<text[^>]*>\u200Fطلاق و گسست خانواده<\/text>/, "labels are right-to-left runs");
});

test('every digit a reader sees is Persian, in the SVG and in the table', () => {
  const html = render(
    <>
      <BarChart title="بودجه" data={bars} compare={{ name: 'مصوب', values: [20_000_000_000, null, 1_000_000] }} valueName="هزینه‌شده" />
      <LineChart title="نرخ" series={[{ name: 'قزوین', points: [{ x: '1401', value: 3.5 }, { x: '1402', value: null }, { x: '1403', value: 12 }] }, { name: 'آبیک', points: [{ x: '1401', value: 2 }] }]} />
    </>,
  );
  assert.doesNotMatch(visibleText(html), /[0-9]/);
  assert.match(html, /<th scope="col">مصوب<\/th>/);
  assert.match(html, /<td class="num">بی‌داده<\/td>/, 'a missing compare value says so');
  assert.match(html, /<th scope="row">۱۴۰۱<\/th>/);
  assert.match(html, /class="chart-legend"/, 'two series get a legend');
});

test('labels are escaped: a <script> label stays text', () => {
  const evil = '<script>alert("x")</script> & "quoted"';
  const html = render(<BarChart title={evil} data={[{ label: evil, value: 3 }]} />);
  assert.doesNotMatch(html, /<script/);
  assert.match(html, /&lt;script&gt;/);
  // No attribute is broken out of: every quote inside an attribute value is escaped.
  assert.doesNotMatch(html, /="[^"]*"[^ >/][^"]*"/);
  const line = render(<LineChart title="x" series={[{ name: evil, points: [{ x: '1402', value: 1 }] }]} />);
  assert.doesNotMatch(line, /<script/);
});

test('no data: a Persian message and no SVG', () => {
  const empty = render(<BarChart title="هزینه" data={[]} />);
  assert.match(empty, /داده‌ای برای نمایش نیست/);
  assert.doesNotMatch(empty, /<svg/);
  const noValues = render(<LineChart title="روند" series={[{ name: 'الف', points: [{ x: '1402', value: null }] }]} />);
  assert.match(noValues, /داده‌ای برای نمایش نیست/);
  assert.doesNotMatch(noValues, /<svg/);
});

test('the same inputs render once and give identical output', () => {
  const data = [{ label: `یکتا ${Math.random()}`, value: 42 }];
  const size = chartMemoSize();
  const a = render(<BarChart title="حافظه" data={data} />);
  assert.equal(chartMemoSize(), size + 1);
  const b = render(<BarChart title="حافظه" data={data.map((d) => ({ ...d }))} />);
  assert.equal(chartMemoSize(), size + 1, 'the second render came from the memo');
  assert.equal(a, b);
  const c = render(<BarChart title="حافظه" data={[{ ...data[0]!, value: 43 }]} />);
  assert.notEqual(a, c, 'another value is another chart');
});

test('the memo stays small', () => {
  for (let i = 0; i < 205; i++) render(<BarChart title="پر" data={[{ label: 'الف', value: i }]} />);
  assert.ok(chartMemoSize() <= 200);
});
