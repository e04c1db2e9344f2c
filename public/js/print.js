// The «چاپ» button of printable pages; without JavaScript the page asks for Ctrl+P instead.
document.getElementById('print-now')?.addEventListener('click', function () { window.print(); });
