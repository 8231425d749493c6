// Stamp printed clause pages with the permalink and the date they were printed,
// so a page in a case file shows when and from where it was taken.
(function () {
  function stamp() {
    var now = new Date();  // the local calendar date of whoever prints (toISOString would give UTC's)
    var today = now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2) + "-" + ("0" + now.getDate()).slice(-2);
    document.querySelectorAll(".handbook-print-note").forEach(function (note) {
      var link = note.getAttribute("data-permalink") || "";
      if (link.charAt(0) === "/") { link = window.location.origin + link; }
      note.textContent = "Printed on " + today + " from the Professional Standards Handbook: " + link;
    });
  }
  window.handbookStamp = stamp;  // for pages that make their stamp later (the case sheet)
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
// A module is complete only when every question is answered correctly; retries
// are allowed, and the first answer to each question gives the first-try score.
(function () {
  var KEY = "handbook-induction-v2";
  function load() {
    try {
      var state = JSON.parse(localStorage.getItem(KEY)) || {};
      state.modules = state.modules || {}; state.person = state.person || {}; state.acks = state.acks || {};
      return state;
    } catch (e) { return { modules: {}, person: {}, acks: {} }; }
  }
  function save(state) { try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode */ } }
  function today() { return new Date().toISOString().slice(0, 10); }
  function record(state, module) {
    var m = state.modules[module] = state.modules[module] || {};
    m.answers = m.answers || {}; m.first = m.first || {};
    return m;
  }
  function correctCount(m, total, rightAnswers) {
    var n = 0;
    for (var q = 1; q <= total; q++) { if (m.answers && m.answers[q] && m.answers[q] === rightAnswers[q]) { n++; } }
    return n;
  }
  function firstScore(m, total) {
    var n = 0;
    for (var q = 1; q <= total; q++) { if (m.first && m.first[q] === true) { n++; } }
    return n;
  }
  // The right answers are only needed on the module's own page; elsewhere the
  // stored result (done date and first-try marks) is what counts.
  function status(m, total) {
    if (!total) { return ""; }
    if (m && m.done) { return "– completed on " + m.done + ", first-try score " + firstScore(m, total) + " of " + total; }
    var right = m && m.right ? m.right : 0;
    var answered = m && m.answers ? Object.keys(m.answers).length : 0;
    if (!answered) { return "– not started"; }
    return "– " + right + " of " + total + " correct; answer every question correctly to complete";
  }

  function show(fieldset, value) {
    var feedback = fieldset.querySelector(".handbook-quiz-feedback");
    var right = value === fieldset.getAttribute("data-answer");
    feedback.textContent = (right ? "Correct. " : "Not quite – try again. ") + (right ? (fieldset.getAttribute("data-explain") || "") : "");
    feedback.className = "handbook-quiz-feedback " + (right ? "handbook-right" : "handbook-wrong");
  }

  function setUp() {
    var state = load();
    document.querySelectorAll("form.handbook-quiz").forEach(function (form) {
      var module = form.getAttribute("data-module");
      var fieldsets = form.querySelectorAll("fieldset");
      var rightAnswers = {};
      fieldsets.forEach(function (f) { rightAnswers[f.getAttribute("data-question")] = f.getAttribute("data-answer"); });
      var m = state.modules[module] || {};
      fieldsets.forEach(function (fieldset) {
        var q = fieldset.getAttribute("data-question");
        if (m.answers && m.answers[q]) {
          var input = fieldset.querySelector('input[value="' + m.answers[q] + '"]');
          if (input) { input.checked = true; show(fieldset, m.answers[q]); }
        }
      });
      var summary = form.querySelector(".handbook-quiz-status");
      function update(current) {
        var rec = current.modules[module];
        if (summary) { summary.textContent = status(rec, fieldsets.length).replace(/^– /, ""); }
      }
      update(state);
      form.addEventListener("change", function (event) {
        var fieldset = event.target.closest("fieldset");
        if (!fieldset) { return; }
        var q = fieldset.getAttribute("data-question");
        var current = load();
        var rec = record(current, module);
        if (!(q in rec.first)) { rec.first[q] = event.target.value === fieldset.getAttribute("data-answer"); }
        rec.answers[q] = event.target.value;
        rec.right = correctCount(rec, fieldsets.length, rightAnswers);
        if (!rec.done && rec.right === fieldsets.length) { rec.done = today(); }
        save(current);
        show(fieldset, event.target.value);
        update(current);
      });
    });
    document.querySelectorAll(".handbook-induction-path li").forEach(function (item) {
      var total = Number(item.getAttribute("data-questions"));
      item.querySelector(".handbook-progress").textContent = status(state.modules[item.getAttribute("data-module")], total);
    });
    // The acknowledgement sheet: completion date and first-try score per module,
    // the starter's details and ticked statements, all from this browser only.
    document.querySelectorAll("table.handbook-modules tbody tr").forEach(function (row) {
      var total = Number(row.getAttribute("data-questions"));
      if (!total) { return; }
      var m = state.modules[row.getAttribute("data-module")];
      row.querySelector(".handbook-completed").textContent = m && m.done ? m.done : "not completed";
      row.querySelector(".handbook-score").textContent = m && m.done ? firstScore(m, total) + " of " + total : "–";
    });
    function copyPerson() {
      document.querySelectorAll("[data-person-copy]").forEach(function (span) {
        span.textContent = load().person[span.getAttribute("data-person-copy")] || "______________________";
      });
    }
    document.querySelectorAll("input[data-person]").forEach(function (input) {
      input.value = state.person[input.getAttribute("data-person")] || "";
      input.addEventListener("input", function () {
        var current = load();
        current.person[input.getAttribute("data-person")] = input.value;
        save(current);
        copyPerson();
      });
    });
    copyPerson();
    document.querySelectorAll("input[data-ack]").forEach(function (box) {
      box.checked = Boolean(state.acks[box.getAttribute("data-ack")]);
      box.addEventListener("change", function () {
        var current = load();
        current.acks[box.getAttribute("data-ack")] = box.checked;
        save(current);
      });
    });
    document.querySelectorAll(".handbook-reset-progress").forEach(function (button) {
      button.addEventListener("click", function () { localStorage.removeItem(KEY); window.location.reload(); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setUp); } else { setUp(); }
})();
