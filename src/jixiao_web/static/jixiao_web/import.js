// Import preview: the unit warning follows the unit chosen (the page shows it for the first choice).
(function () {
  var select = document.getElementById("import-unit"), warning = document.getElementById("unit-warning");
  if (!select || !warning) return;
  select.addEventListener("change", function () {
    var option = select.options[select.selectedIndex];
    warning.hidden = option.dataset.fits === "1";
    warning.querySelector(".chosen-unit").textContent = option.textContent;
  });
})();
