/* Solves altcha v1 (SHA-256) of each [data-altcha-challenge] on load; the question hides.
   mahalleCaptcha(form) starts forms added later; .solve(c) gives the payload or null. */
(function () {
'use strict';
// Digests in parallel batches; yield to the page every SLICE ms.
var BATCH = 200, SLICE = 30, GIVE_UP = 6e4;

// Background tabs throttle setTimeout, not this.
function pause() {
  return new Promise(function (done) {
    if (!window.MessageChannel) return setTimeout(done, 0);
    var ch = new MessageChannel();
    ch.port1.onmessage = function () { ch.port1.close(); done(); };
    ch.port2.postMessage(0);
  });
}

async function solve(c) {
  if (!c || c.algorithm != 'SHA-256' || !/^[0-9a-f]{64}$/.test(c.challenge)) return null;
  var enc = new TextEncoder(), t0 = Date.now(), slice = t0, want = [];
  for (var i = 0; i < 64; i += 2) want.push(parseInt(c.challenge.substr(i, 2), 16));
  for (var first = 0; first <= c.maxnumber; first += BATCH) {
    var jobs = [];
    for (var n = first; n < first + BATCH && n <= c.maxnumber; n++) jobs.push(crypto.subtle.digest('SHA-256', enc.encode(c.salt + n)));
    var hashes = await Promise.all(jobs);
    for (var k = 0; k < hashes.length; k++) {
      for (var h = new Uint8Array(hashes[k]), j = 0; j < 32 && h[j] == want[j];) j++;
      if (j == 32) return btoa(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: first + k, salt: c.salt, signature: c.signature }));
    }
    if (Date.now() - slice > SLICE) {
      if (Date.now() - t0 > GIVE_UP) return null;
      await pause();
      slice = Date.now();
    }
  }
  return null;
}

function start(box) {
  if (box.getAttribute('data-altcha-state')) return;
  var q = function (s) { return box.querySelector(s); }, status = q('[data-captcha-status]'), out = q('[name="altcha"]'),
    question = q('[data-captcha-question]'), answer = q('[name="captcha_answer"]');
  function show(state) {
    box.setAttribute('data-altcha-state', state);
    if (status) status.textContent = status.getAttribute('data-text-' + state);
  }
  // No crypto.subtle on http off localhost: keep the question.
  if (!out || !window.crypto || !crypto.subtle || !window.TextEncoder) return show('failed');
  show('working');
  Promise.resolve(box.getAttribute('data-altcha-challenge')).then(JSON.parse).then(solve).then(function (payload) {
    if (!payload) return show('failed');
    out.value = payload;
    if (answer) answer.required = false;
    // Leave the field to someone typing in it.
    if (question && !(answer && (answer.value || document.activeElement == answer))) question.hidden = true;
    show('done');
  }).catch(function () { show('failed'); });
}

function mahalleCaptcha(root) {
  [].forEach.call((root || document).querySelectorAll('[data-altcha-challenge]'), start);
}
mahalleCaptcha.solve = solve;
window.mahalleCaptcha = mahalleCaptcha;
if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', function () { mahalleCaptcha(); });
else mahalleCaptcha();
})();
