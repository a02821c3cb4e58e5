// The print button of a published document (the CSP allows no inline handlers).
document.querySelectorAll("[data-print]").forEach(function (b) { b.addEventListener("click", function () { window.print(); }); });
