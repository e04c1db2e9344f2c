// Keeps the ballot's running count and cost up to date as projects are ticked. The page works
// without it: the «محاسبهٔ هزینهٔ انتخاب» button asks the server for the same figures.
(function () {
  'use strict';
  var form = document.querySelector('form.ballot-form');
  if (!form) return;
  var count = form.querySelector('[data-ballot="count"]');
  var cost = form.querySelector('[data-ballot="cost"]');
  var over = form.querySelector('[data-ballot="over"]');
  var budget = Number(form.getAttribute('data-budget')) || 0;
  var max = Number(form.getAttribute('data-max')) || Infinity;
  var min = Number(form.getAttribute('data-min')) || 0;
  var error = document.getElementById('plans-error');
  var boxes = form.querySelectorAll('input[name="plan"]');
  var digits = '۰۱۲۳۴۵۶۷۸۹';
  function persian(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '٬').replace(/\d/g, function (d) { return digits[Number(d)]; });
  }
  function update() {
    var n = 0;
    var rials = 0;
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].checked) {
        n++;
        rials += Number(boxes[i].getAttribute('data-cost')) || 0;
      }
    }
    // Past the maximum the unticked boxes wait, so a voter sees the limit before submitting.
    for (var j = 0; j < boxes.length; j++) boxes[j].disabled = !boxes[j].checked && n >= max;
    if (count) count.textContent = persian(n);
    if (cost) cost.textContent = persian(Math.round(rials / 10)) + ' تومان';
    if (over) over.hidden = rials <= budget;
    // A refusal shown by the server no longer applies once the selection is within the limits.
    if (error && n >= min && n <= max) error.hidden = true;
  }
  form.addEventListener('change', update);
  update();
})();
