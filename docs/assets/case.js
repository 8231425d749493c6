// The case sheet (/case/?clause=COC-1.4&date=2020-06-01): a clause as it stood
// on the date of the conduct, from handbook.json (fetched relative to the page,
// so any static web server will do). Every piece of data goes in with
// textContent, never as HTML.
(function () {
  "use strict";
  var form = document.getElementById("handbook-case-form");
  var sheet = document.getElementById("handbook-case-sheet");
  if (!form || !sheet) { return; }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function today() { var d = new Date(); return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function add(parent, tag, text, cls) { var e = el(tag, text, cls); parent.appendChild(e); return e; }

  var params = new URLSearchParams(window.location.search);
  var asked = (params.get("clause") || "").trim();
  var day = (params.get("date") || "").trim() || today();
  var clauseInput = document.getElementById("handbook-case-clause");
  var dateInput = document.getElementById("handbook-case-date");
  clauseInput.value = asked;
  dateInput.value = day;
  if (!asked) { return; }

  // Versions of each document or policy, oldest first, with their clauses by ID.
  function groups(list, kind) {
    var byCode = {};
    list.forEach(function (v) {
      var clauses = {};
      (v.sections || []).forEach(function (s) { (s.clauses || []).forEach(function (c) { clauses[c.id] = c; }); });
      (byCode[v.code] = byCode[v.code] || { code: v.code, kind: kind, versions: [] }).versions.push({ data: v, clauses: clauses });
    });
    Object.keys(byCode).forEach(function (code) {
      byCode[code].versions.sort(function (a, b) { return a.data.in_force < b.data.in_force ? -1 : a.data.in_force > b.data.in_force ? 1 : 0; });
    });
    return byCode;
  }
  function inForce(group, when) {
    var found = null;
    group.versions.forEach(function (v) { if (v.data.in_force <= when) { found = v; } });
    return found;
  }
  function until(group, version) {
    var i = group.versions.indexOf(version);
    return i + 1 < group.versions.length ? group.versions[i + 1].data.in_force : null;
  }
  function groupOf(all, id) {
    var codes = Object.keys(all);
    for (var i = 0; i < codes.length; i++) {
      var g = all[codes[i]];
      for (var j = 0; j < g.versions.length; j++) { if (g.versions[j].clauses[id]) { return g; } }
    }
    return null;
  }
  function versionName(v) { return v.data.title + " " + (v.data.kind ? "version " : "") + v.data.version; }
  function span(v, group) {
    var end = until(group, v);
    return "in force from " + v.data.in_force + (end ? " until " + end : "");
  }

  function render(data) {
    var cih = groups(data.documents || [], "cih");
    var council = groups(data.policies || [], "council");
    var canonical = {};
    [cih, council].forEach(function (all) {
      Object.keys(all).forEach(function (code) {
        all[code].versions.forEach(function (v) { Object.keys(v.clauses).forEach(function (id) { canonical[id.toLowerCase()] = id; }); });
      });
    });
    var mapping = data.mapping || { entries: [], breach_position: null };
    var reviewed = (mapping.entries || []).filter(function (e) { return e.status === "reviewed"; });
    var names = {};
    (data.principles || []).forEach(function (p) { names[p.id] = p.name; });
    var base = new URL(form.getAttribute("data-json"), window.location.href);

    function link(parent, url, text) {
      var a = add(parent, "a", text);
      a.href = new URL(url, base).href;
      return a;
    }
    function cite(parent, clause) {
      var p = add(parent, "p", null, "handbook-case-cite");
      add(p, "strong", "Cite: ");
      p.appendChild(document.createTextNode(clause.citation || ""));
      return p;
    }
    function entryFor(sha) { return reviewed.filter(function (e) { return e.text_sha256 === sha; })[0] || null; }

    sheet.textContent = "";
    var id = canonical[asked.toLowerCase()] || asked;
    add(sheet, "h2", "Case sheet: " + id + " on " + day, "handbook-case-title");
    var stamp = document.getElementById("handbook-case-stamp");
    if (stamp) {
      stamp.setAttribute("data-permalink", stamp.getAttribute("data-permalink") +
        "?clause=" + encodeURIComponent(id) + "&date=" + encodeURIComponent(day));
      if (window.handbookStamp) { window.handbookStamp(); }
    }
    var print = add(sheet, "button", "Print this sheet", "md-button handbook-case-print");
    print.type = "button";
    print.addEventListener("click", function () { window.print(); });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || isNaN(new Date(day + "T00:00:00Z").getTime())) {
      add(sheet, "p", "“" + day + "” is not a date: give the date of the conduct as YYYY-MM-DD.", "handbook-case-problem");
      return;
    }

    var explained = {};  // policies whose missing version the sheet has already explained
    // A council clause in the policy version in force on the date, with its lettered items and citation.
    function councilClause(parent, cid, heading) {
      var group = groupOf(council, cid);
      var box = add(parent, "div", null, "handbook-case-council");
      if (!group) {
        add(box, heading, cid);
        add(box, "p", "No council policy held has a clause " + cid + ".", "handbook-case-problem");
        return box;
      }
      var v = inForce(group, day);
      var shown = v;
      var first = group.versions[0];
      if (!v) {
        shown = group.versions.filter(function (x) { return x.clauses[cid]; })[0];
        add(box, heading, cid + " — " + first.data.title);
        // Said in full once per policy on a sheet; its further clauses carry the short form, so the sheet stays one page.
        add(box, "p", explained[first.data.code] ?
          "Version " + shown.data.version + " (in force from " + shown.data.in_force + "), which post-dates the conduct." :
          "No version of the " + first.data.title + " was in force on " + day + ": the earliest held, version " +
          first.data.version + ", took effect on " + first.data.in_force + ". The wording shown below is from version " +
          shown.data.version + " (in force from " + shown.data.in_force + ") and post-dates the conduct.", "handbook-case-problem");
        explained[first.data.code] = true;
      } else if (!v.clauses[cid]) {
        add(box, heading, cid + " — " + versionName(v));
        var later = group.versions.filter(function (x) { return x.data.in_force > v.data.in_force && x.clauses[cid]; })[0];
        add(box, "p", versionName(v) + ", in force on " + day + ", has no clause " + cid + "." +
          (later ? " It appears in version " + later.data.version + " (in force from " + later.data.in_force +
            "); that wording, shown below, post-dates the conduct." : ""), "handbook-case-problem");
        shown = later || null;
      } else {
        add(box, heading, cid + " — " + versionName(v) + " (" + span(v, group) + ")");
      }
      if (!shown) { return box; }
      var clause = shown.clauses[cid];
      add(box, "p", clause.text, "handbook-case-text");
      if (clause.items && clause.items.length) {
        var list = add(box, "ul", null, "handbook-case-items");
        clause.items.forEach(function (itemId) {
          var item = shown.clauses[itemId];
          var letter = itemId.slice(itemId.lastIndexOf(".") + 1);
          add(list, "li", "(" + letter + ") " + (item ? item.text : ""));
        });
      }
      cite(box, clause);
      return box;
    }

    if (cih[(groupOf(cih, id) || {}).code] === undefined) {
      if (groupOf(council, id)) { return councilSheet(id); }
      add(sheet, "p", "No CIH document or council policy held has a clause “" + asked + "”. Check the clause ID.", "handbook-case-problem");
      return;
    }
    return cihSheet(groupOf(cih, id));

    function councilSheet(cid) {
      add(sheet, "h3", "The council clause on " + day);
      councilClause(sheet, cid, "h4");
      add(sheet, "h3", "CIH clauses that engage it, as reviewed");
      var engaging = reviewed.filter(function (e) { return (e.policies || []).some(function (p) { return p.clause === cid; }); });
      if (!engaging.length) {
        add(sheet, "p", "No reviewed mapping links a CIH clause to " + cid + ".");
        return;
      }
      var list = add(sheet, "ul");
      engaging.forEach(function (e) {
        var rel = e.policies.filter(function (p) { return p.clause === cid; })[0];
        add(list, "li", e.clause + " (wording reviewed in " + e.version + "): " + rel.relation + ", " + rel.basis + ". " + (rel.rationale || ""));
      });
    }

    function cihSheet(group) {
      var first = group.versions[0];
      var v = inForce(group, day);
      add(sheet, "h3", "The standard on " + day);
      if (!v) {
        add(sheet, "p", "No version of the " + first.data.title + " held was in force on " + day + ": the earliest, " +
          first.data.version + ", took effect on " + first.data.in_force + ". This sheet cannot show the standard as it stood then.",
          "handbook-case-problem");
        return;
      }
      var clause = v.clauses[id];
      var p = add(sheet, "p", null, "handbook-case-version");
      p.appendChild(document.createTextNode("In force on " + day + ": "));
      link(p, v.data.url, v.data.title + " " + v.data.version);
      p.appendChild(document.createTextNode(" (" + v.data.publisher + "), " + span(v, group) + "."));
      if (!clause) {
        add(sheet, "p", v.data.title + " " + v.data.version + " has no clause " + id + ": it was not part of the standard in force on " + day + ".",
          "handbook-case-problem");
        return;
      }
      add(sheet, "p", clause.id + ": " + clause.text, "handbook-case-text");
      cite(sheet, clause);

      add(sheet, "h3", "The mapping as reviewed");
      var entry = entryFor(clause.sha256);
      if (entry) {
        add(sheet, "p", "Reviewed against exactly this wording (recorded at " + entry.clause + ", " + entry.version + ")" +
          (entry.reviewed_by ? " by " + entry.reviewed_by : "") + (entry.reviewed_on ? " on " + entry.reviewed_on : "") + ".");
      } else {
        var other = nearest(group, v, clause);
        if (!other) {
          add(sheet, "p", "No mapping has been reviewed for " + id + " in any wording. This sheet shows no council clauses, " +
            "Nolan principles or disciplinary route for it.", "handbook-case-problem");
          return;
        }
        entry = other.entry;
        add(sheet, "p", "The mapping below was reviewed against the wording of " + other.clause.id + " in " + other.version.data.version +
          " (in force from " + other.version.data.in_force + "), not the wording in force on " + day + ".", "handbook-case-problem");
        add(sheet, "p", "That wording: " + other.clause.text, "handbook-case-text");
        cite(sheet, other.clause);
      }

      add(sheet, "h3", "Nolan principles");
      var principles = add(sheet, "ul", null, "handbook-case-principles");
      (entry.nolan || []).forEach(function (pid, i) { add(principles, "li", (names[pid] || pid) + (i === 0 ? " (primary)" : "")); });

      add(sheet, "h3", "Council policy clauses engaged, as they stood on " + day);
      if (!(entry.policies || []).length) {
        add(sheet, "p", "The reviewed mapping links no council policy clause." + (entry.gap ? " Gap recorded: " + entry.gap : ""));
      }
      (entry.policies || []).forEach(function (link) {
        var box = councilClause(sheet, link.clause, "h4");
        add(box, "p", "Relation: " + link.relation + " (" + link.basis + ")." + (link.rationale ? " " + link.rationale : ""), "handbook-case-relation");
      });

      add(sheet, "h3", "If this standard is breached");
      var position = mapping.breach_position;
      if (!entry.breach || !((entry.breach.misconduct || []).length + (entry.breach.procedure || []).length)) {
        add(sheet, "p", "No disciplinary route has been reviewed for this wording.", "handbook-case-problem");
      } else {
        [["Misconduct, as reviewed", entry.breach.misconduct || []], ["Procedure", entry.breach.procedure || []]].forEach(function (part) {
          if (!part[1].length) { return; }
          add(sheet, "p", part[0], "handbook-case-part");
          part[1].forEach(function (cid) { councilClause(sheet, cid, "h4"); });
        });
      }
      if (position) {
        add(sheet, "p", "The council’s position (adopted by " + position.adopted_by + " on " + position.adopted_on + "): " + position.statement,
          "handbook-case-position");
      } else {
        add(sheet, "p", "The council has not recorded a general position on breaches.");
      }
    }

    // The nearest other wording of the clause with a reviewed entry: later versions first, then earlier ones.
    function nearest(group, version, clause) {
      function step(v, c, key) {
        var next = c[key];
        if (!next) { return null; }
        var nv = group.versions.filter(function (x) { return x.data.version === next.version; })[0];
        return nv && nv.clauses[next.id] ? { version: nv, clause: nv.clauses[next.id] } : null;
      }
      var keys = ["successor", "predecessor"];
      for (var k = 0; k < keys.length; k++) {
        var at = { version: version, clause: clause };
        var seen = 0;
        while ((at = step(at.version, at.clause, keys[k])) && seen++ < 100) {
          var e = entryFor(at.clause.sha256);
          if (e) { return { entry: e, version: at.version, clause: at.clause }; }
        }
      }
      return null;
    }
  }

  // Printed, the sheet is one A4 page. An off-screen copy is set in the paper type at the printed width
  // (handbook.css, .handbook-case-measure) and measured against an element as tall as the page; a sheet taller
  // than the page is printed zoomed out just enough to fit (the largest zoom that fits, found by halving; zoom
  // also widens the lines, so the sheet at room / height always fits). Below a readable size it is left to run
  // on to a second page.
  var SMALLEST = 0.6;
  function fitToPage() {
    var measure = el("div", null, "handbook-case-measure md-typeset");
    measure.setAttribute("aria-hidden", "true");
    var page = add(measure, "div", null, "handbook-case-page");
    document.body.appendChild(measure);
    var room = page.getBoundingClientRect().height;
    measure.removeChild(page);
    var copy = sheet.cloneNode(true);
    copy.removeAttribute("id");
    copy.removeAttribute("aria-live");
    measure.appendChild(copy);
    function tall(zoom) { copy.style.zoom = String(zoom); return measure.getBoundingClientRect().height; }
    var zoom = 1;
    var full = tall(1);
    if (full > room) {
      var low = Math.max(SMALLEST, room / full);
      var high = 1;
      for (var i = 0; i < 8; i++) {
        var mid = (low + high) / 2;
        if (tall(mid) <= room) { low = mid; } else { high = mid; }
      }
      zoom = Math.floor(low * 1000) / 1000;
    }
    document.body.removeChild(measure);
    sheet.style.setProperty("--handbook-case-zoom", String(zoom));
  }

  var url = new URL(form.getAttribute("data-json"), window.location.href).href;
  fetch(url).then(function (r) {
    if (!r.ok) { throw new Error("HTTP " + r.status); }
    return r.json();
  }).then(function (data) { render(data); fitToPage(); }).catch(function (error) {
    sheet.textContent = "";
    add(sheet, "p", "The case sheet could not read handbook.json (" + error.message + ").", "handbook-case-problem");
  });
})();
