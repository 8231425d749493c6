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

// Induction quizzes: answers are checked here and kept only in this browser
// (localStorage), so nothing about a new starter leaves their device.
(function () {
  var KEY = "handbook-induction-v1";
  function load() { try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; } }
  function save(state) { try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode */ } }

  function show(fieldset, value) {
    var feedback = fieldset.querySelector(".handbook-quiz-feedback");
    var right = value === fieldset.getAttribute("data-answer");
    feedback.textContent = (right ? "Correct. " : "Not quite. ") + (fieldset.getAttribute("data-explain") || "");
    feedback.className = "handbook-quiz-feedback " + (right ? "handbook-right" : "handbook-wrong");
  }

  function setUp() {
    var state = load();
    document.querySelectorAll("form.handbook-quiz").forEach(function (form) {
      var module = form.getAttribute("data-module");
      var answers = state[module] || {};
      form.querySelectorAll("fieldset").forEach(function (fieldset) {
        var q = fieldset.getAttribute("data-question");
        if (answers[q]) {
          var input = fieldset.querySelector('input[value="' + answers[q] + '"]');
          if (input) { input.checked = true; show(fieldset, answers[q]); }
        }
      });
      form.addEventListener("change", function (event) {
        var fieldset = event.target.closest("fieldset");
        if (!fieldset) { return; }
        var current = load();
        current[module] = current[module] || {};
        current[module][fieldset.getAttribute("data-question")] = event.target.value;
        save(current);
        show(fieldset, event.target.value);
      });
    });
    document.querySelectorAll(".handbook-induction-path li").forEach(function (item) {
      var module = item.getAttribute("data-module");
      var total = Number(item.getAttribute("data-questions"));
      var answers = state[module] || {};
      var answered = Object.keys(answers).length;
      item.querySelector(".handbook-progress").textContent =
        total ? (answered >= total ? "– quiz done" : answered ? "– " + answered + " of " + total + " answered" : "– not started") : "";
    });
    document.querySelectorAll(".handbook-reset-progress").forEach(function (button) {
      button.addEventListener("click", function () { localStorage.removeItem(KEY); window.location.reload(); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setUp); } else { setUp(); }
})();
