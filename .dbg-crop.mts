import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { basename } from 'node:path';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
mkdirSync('/tmp/mh/crops', { recursive: true });
const seg = Number(process.env.SEG ?? 1400);
for (const f of process.argv.slice(2)) {
  const buf = readFileSync(f);
  const w = buf.readUInt32BE(16), h = buf.readUInt32BE(20);
  const p = await b.newPage({ viewport: { width: w, height: Math.min(h, seg) } });
  await p.setContent(`<body style="margin:0"><img src="data:image/png;base64,${buf.toString('base64')}"></body>`);
  for (let y = 0, i = 0; y < h; y += seg, i++) {
    await p.screenshot({ path: `/tmp/mh/crops/${basename(f, '.png')}-${i}.png`, clip: { x: 0, y, width: w, height: Math.min(seg, h - y) }, fullPage: true });
  }
  await p.close();
}
await b.close();
