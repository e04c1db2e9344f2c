#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx mahalle` works straight after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
const code = await main(process.argv.slice(2)).catch((err) => {
  console.error(err?.message ?? err);
  return 1;
});
if (code >= 0) process.exit(code);
