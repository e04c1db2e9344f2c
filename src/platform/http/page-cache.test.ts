import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { registerPageCache } from './page-cache.ts';

async function appWith(version: { v: string }) {
  const app = Fastify();
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfIssued', false);
  app.addHook('onRequest', async (request) => {
    if (request.headers['x-user']) (request as { actor: unknown }).actor = { id: 1, roles: [] };
  });
  registerPageCache(app, { version: async () => version.v, maxEntries: 2 });
  let renders = 0;
  app.get('/public', { config: { publicPage: true } }, async (_req, reply) => reply.type('text/html').send(`page ${++renders}`));
  app.get('/form', { config: { publicPage: true } }, async (req, reply) => {
    req.csrfIssued = true;
    return reply.type('text/html').send(`form ${++renders}`);
  });
  app.get('/private', async (_req, reply) => reply.type('text/html').send(`private ${++renders}`));
  app.get('/missing', { config: { publicPage: true } }, async (_req, reply) => reply.status(404).send(`missing ${++renders}`));
  return app;
}

test('anonymous visits are served from cache until the data version changes', async () => {
  const version = { v: '1' };
  const app = await appWith(version);
  assert.equal((await app.inject('/public')).body, 'page 1');
  const hit = await app.inject('/public');
  assert.equal(hit.body, 'page 1');
  assert.equal(hit.headers['x-page-cache'], 'hit');
  assert.equal(hit.headers['content-type'], 'text/html');
  version.v = '2';
  assert.equal((await app.inject('/public')).body, 'page 2', 'a change invalidates');
  assert.equal((await app.inject('/public?x=1')).body, 'page 3', 'the query string is part of the key');
});

test('signed-in people, flash messages, forms, errors and unmarked routes are never cached', async () => {
  const app = await appWith({ v: '1' });
  await app.inject('/public');
  assert.match((await app.inject({ url: '/public', headers: { 'x-user': '1' } })).body, /page 2/);
  assert.match((await app.inject({ url: '/public', cookies: { flash: 'x' } })).body, /page 3/);
  await app.inject('/form');
  assert.match((await app.inject('/form')).body, /form 5/);
  await app.inject('/private');
  assert.match((await app.inject('/private')).body, /private 7/);
  await app.inject('/missing');
  assert.match((await app.inject('/missing')).body, /missing 9/);
});

test('the cache is bounded', async () => {
  const app = await appWith({ v: '1' });
  await app.inject('/public?a');
  await app.inject('/public?b');
  await app.inject('/public?c');
  assert.equal((await app.inject('/public?a')).headers['x-page-cache'], 'miss', 'the oldest entry was dropped');
  assert.equal((await app.inject('/public?c')).headers['x-page-cache'], 'hit');
});
