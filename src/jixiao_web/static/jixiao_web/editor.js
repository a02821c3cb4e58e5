// Live check of a grid row: the core parses the target and reviews the row as typed.
(function () {
  var form = document.getElementById("section-form");
  if (!form) return;
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var timers = {};
  function check(tr) {
    var i = tr.dataset.row, body = new FormData();
    ["position", "level1", "level2", "level3", "description", "target_raw", "cycle_target_raw", "basis"].forEach(function (n) {
      var input = form.querySelector("[name='row-" + i + "-" + n + "']");
      if (input) body.append(n, input.value);  // a column the document lacks: the stored cell is used
    });
    fetch(form.dataset.check, { method: "POST", body: body, headers: { "X-CSRFToken": token }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        tr.querySelector(".parsed").textContent = data.describe;
        var box = tr.querySelector(".row-findings");
        box.textContent = "";
        tr.classList.toggle("has-finding", data.findings.length > 0);
        data.findings.forEach(function (f) {
          var div = document.createElement("div");
          div.className = "finding sev-" + f.severity;
          div.textContent = "[" + f.code + " " + f.label + "] " + f.message + (f.suggestion ? " 建议：" + f.suggestion : "");
          box.appendChild(div);
        });
      });
  }
  // Text cells grow with their text (where the browser has no field-sizing: content) and keep to
  // one line of data: Enter does not break a cell.
  var grows = !(window.CSS && CSS.supports && CSS.supports("field-sizing", "content"));
  function fit(box) {
    if (!grows) return;
    box.style.height = "auto";
    box.style.height = box.scrollHeight + 2 + "px";
  }
  form.querySelectorAll("textarea.cell").forEach(fit);
  form.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && e.target.matches("textarea.cell")) e.preventDefault();
  });
  form.addEventListener("input", function (e) {
    if (e.target.matches("textarea.cell")) fit(e.target);
    var tr = e.target.closest("tr[data-row]");
    if (!tr) return;
    clearTimeout(timers[tr.dataset.row]);
    timers[tr.dataset.row] = setTimeout(function () { check(tr); }, 300);
  });
})();
