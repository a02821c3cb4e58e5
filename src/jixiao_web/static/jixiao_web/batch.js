// Poll the batch's progress; reload the page (with the per-file results) once it is done.
(function () {
  var box = document.getElementById("batch");
  if (!box || box.querySelector(".state-text").textContent === "已完成") return;
  function poll() {
    fetch(box.dataset.progress, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (p) {
      box.querySelector(".fill").style.width = p.percent + "%";
      box.querySelector(".finished").textContent = p.finished;
      box.querySelector(".imported").textContent = p.imported;
      box.querySelector(".failed").textContent = p.failed;
      box.querySelector(".state-text").textContent = p.state_label;
      if (p.state === "done") { window.location.reload(); } else { setTimeout(poll, 1000); }
    });
  }
  setTimeout(poll, 1000);
})();
