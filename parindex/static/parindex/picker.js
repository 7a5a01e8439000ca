// Searchable pickers: every <select data-searchable> gets a search box above it that hides the
// options not matching what is typed (accents ignored: "nguyen" finds "Nguyễn"). Selected
// options always stay visible. parindex's own code; no inline script (the CSP forbids it).
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d")
      .replace(/Đ/g, "D").toLowerCase();
  }
  function enhance(select) {
    if (select.dataset.searchReady) return;
    select.dataset.searchReady = "1";
    var box = document.createElement("input");
    box.type = "search";
    box.className = "picker-search";
    box.placeholder = select.dataset.searchable || "";
    box.setAttribute("aria-label", select.dataset.searchable || "");
    if (select.id) box.setAttribute("aria-controls", select.id);
    box.addEventListener("input", function () {
      var needle = fold(box.value.trim());
      Array.prototype.forEach.call(select.options, function (option) {
        option.hidden = needle !== "" && !option.selected && fold(option.text).indexOf(needle) < 0;
      });
    });
    select.parentNode.insertBefore(box, select);
  }
  function all(root) {
    Array.prototype.forEach.call(root.querySelectorAll("select[data-searchable]"), enhance);
  }
  document.addEventListener("DOMContentLoaded", function () { all(document); });
  document.addEventListener("htmx:afterSwap", function (event) { all(event.target); });
})();
