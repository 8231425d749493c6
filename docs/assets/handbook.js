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
