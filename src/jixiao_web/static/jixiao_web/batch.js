// Poll a background job's progress (bulk import or export); reload the page (with the per-item
// results) once it has ended. Every count in the answer goes to the element of that class, if any.
(function () {
  var box = document.getElementById("batch");
  if (!box || ["已完成", "中断"].indexOf(box.querySelector(".state-text").textContent) >= 0) return;
  function poll() {
    fetch(box.dataset.progress, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (p) {
      box.querySelector(".fill").style.width = p.percent + "%";
      Object.keys(p).forEach(function (key) {
        var el = box.querySelector("." + key);
        if (el) { el.textContent = p[key]; }
      });
      box.querySelector(".state-text").textContent = p.state_label;
      if (p.state === "done" || p.state === "failed" || p.state === "interrupted") { window.location.reload(); } else { setTimeout(poll, 1000); }
    });
  }
  setTimeout(poll, 1000);
})();
