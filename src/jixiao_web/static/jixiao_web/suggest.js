// Suggestions while a level-3 name is typed: the library's names with their usual category and
// target; choosing one fills the name, the empty category cells and the empty target, and the
// editor's live check runs on the row as for anything typed.
(function () {
  var form = document.getElementById("section-form");
  if (!form || !form.dataset.suggest) return;
  var box = document.createElement("ul");
  box.className = "suggest-box";
  box.setAttribute("role", "listbox");
  box.hidden = true;
  document.body.appendChild(box);
  var timer = null, current = null;

  function hide() { box.hidden = true; box.textContent = ""; current = null; }

  function cell(tr, name) { return tr.querySelector("[name$='-" + name + "']"); }

  function choose(tr, s) {
    var fills = { level3: s.name, level1: s.level1, level2: s.level2, target_raw: s.target };
    Object.keys(fills).forEach(function (name) {
      var input = cell(tr, name);
      if (input && fills[name] && (name === "level3" || !input.value.trim())) {
        input.value = fills[name];
        input.dispatchEvent(new Event("input", { bubbles: true }));  // the live check and the cell's height
      }
    });
    hide();
  }

  function show(input, suggestions) {
    box.textContent = "";
    if (!suggestions.length) { hide(); return; }
    var tr = input.closest("tr[data-row]");
    suggestions.forEach(function (s) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.textContent = s.name + "　" + (s.target || "") + "　" + (s.level2 || "") + "（" + s.count + "次）";
      li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(tr, s); });
      box.appendChild(li);
    });
    var r = input.getBoundingClientRect();
    box.style.left = window.scrollX + r.left + "px";
    box.style.top = window.scrollY + r.bottom + "px";
    box.hidden = false;
    current = input;
  }

  form.addEventListener("input", function (e) {
    var input = e.target;
    if (!input.matches("textarea[name$='-level3']") || !e.isTrusted) return;
    clearTimeout(timer);
    var typed = input.value.trim();
    if (!typed) { hide(); return; }
    timer = setTimeout(function () {
      fetch(form.dataset.suggest + "?q=" + encodeURIComponent(typed), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) { if (input.value.trim() === typed) show(input, data.suggestions); });
    }, 200);
  });
  form.addEventListener("focusout", function (e) { if (e.target === current) hide(); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
})();
