// Stamp printed clause pages with the permalink and the date they were printed,
// so a page in a case file shows when and from where it was taken.
(function () {
  function stamp() {
    var today = new Date().toISOString().slice(0, 10);
    document.querySelectorAll(".handbook-print-note").forEach(function (note) {
      var link = note.getAttribute("data-permalink") || "";
      if (link.charAt(0) === "/") { link = window.location.origin + link; }
      note.textContent = "Printed on " + today + " from the Professional Standards Handbook: " + link;
    });
  }
  window.addEventListener("beforeprint", stamp);
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", stamp); } else { stamp(); }
})();

// "In force on a date": highlight the version of each document that applied.
(function () {
  function pick() {
    var input = document.getElementById("handbook-date");
    var result = document.getElementById("handbook-in-force-result");
    if (!input || !result) { return; }
    var day = input.value;
    var found = [];
    document.querySelectorAll("table.handbook-versions tbody tr").forEach(function (row) {
      var from = row.getAttribute("data-from"), until = row.getAttribute("data-until");
      var applies = day && from <= day && (!until || day < until);
      row.classList.toggle("handbook-in-force-row", Boolean(applies));
      if (applies) { found.push(row.getAttribute("data-document") + " " + row.getAttribute("data-version")); }
    });
    result.textContent = !day ? "" : found.length
      ? "In force on " + day + ": " + found.join("; ") + "."
      : "None of the documents held was in force on " + day + ".";
  }
  document.addEventListener("input", function (event) { if (event.target && event.target.id === "handbook-date") { pick(); } });
})();
