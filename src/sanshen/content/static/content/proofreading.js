// 校对面板: keep the findings list and the marked text in step. A row links to its mark (hover lights it,
// a click brings it into view); a click on a mark lights its row. Delegated, so panels redrawn by htmx work too.
(function () {
  "use strict";
  function light(anchor, on) {
    document.querySelectorAll('[data-anchor="' + anchor + '"], #' + anchor).forEach(function (el) {
      el.classList.toggle("linked", on);
    });
  }
  document.addEventListener("mouseover", function (event) {
    var row = event.target.closest && event.target.closest(".finding-row[data-anchor]");
    if (row) { light(row.dataset.anchor, true); }
  });
  document.addEventListener("mouseout", function (event) {
    var row = event.target.closest && event.target.closest(".finding-row[data-anchor]");
    if (row && !row.contains(event.relatedTarget)) { light(row.dataset.anchor, false); }
  });
  document.addEventListener("click", function (event) {
    var jump = event.target.closest && event.target.closest("a.jump");
    if (jump) {
      var mark = document.getElementById(jump.getAttribute("href").slice(1));
      if (mark) {
        event.preventDefault();
        mark.scrollIntoView({behavior: "smooth", block: "center"});
        mark.classList.remove("flash"); void mark.offsetWidth; mark.classList.add("flash");
      }
      return;
    }
    var marked = event.target.closest && event.target.closest("mark.finding[id]");
    if (marked) {
      var row = document.getElementById("row-" + marked.id);
      if (row) {
        document.querySelectorAll(".finding-row.linked").forEach(function (r) { r.classList.remove("linked"); });
        row.classList.add("linked");
        row.scrollIntoView({behavior: "smooth", block: "nearest"});
      }
    }
  });
})();
