// A long document is shown a page of sections at a time. A link that only names a section
// (#section-12 or #section-12-row-3, as the editor's way back writes it) opens whichever page is
// showing; when that section is on another page, go there through the table of contents.
(function () {
  var match = /^#section-(\d+)(-row-\d+)?$/.exec(window.location.hash);
  if (!match || document.getElementById(window.location.hash.slice(1))) return;
  var entry = document.querySelector('#contents a[data-section="' + match[1] + '"]');
  if (entry) { window.location.replace(entry.getAttribute("href") + (match[2] || "")); }
})();
