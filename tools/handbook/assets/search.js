/* Handbook search: the box in the header, reading the index that search_index.py writes.
 *
 * The index is a set of small scripts under search/ (meta.js, t/<key>.js for
 * terms, d/<n>.js for excerpts), loaded with <script> tags, so the same code
 * works served over http and opened from a shared drive (file://). A query
 * loads only the term files it needs and the excerpts of the results shown.
 *
 * Terms are made as in search_text.py: clause IDs whole, other words folded,
 * stop words dropped (keeping their position) and stemmed with lunr.js's
 * Porter stemmer (below, MIT licence, Copyright (C) Oliver Nightingale,
 * after Martin Porter's reference code).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = new URL("..", script.src).href; // this file is assets/handbook-search.js
  var PAGE_SIZE = 10;
  // Ranking priors: a clause answers a question; whole policies, documents and
  // other pages are there to browse. Superseded versions stay findable, lower.
  var PRIOR = [1.0, 0.25, 0.2, 0.2];
  var SUPERSEDED = 0.3;
  // A word found through what it means (search_synonyms.yml, word_families.yml) counts a little less
  // than the word as typed.
  var ALTERNATIVE = 0.8;
  // A result that has a word of the answer a question asks for ("who": manager, officer) ranks this much higher.
  var HINT = 1.35;
  // A page (not a clause, policy or document) whose title has every word of a query of two or more
  // words is what was asked for ("case sheet", "how to cite"): this much higher.
  var TITLED = 5;
  var KIND_LABEL = ["clause", "policy", "document", "page"];
  var PAGE = 3;

  // ---------------------------------------------------------------------------
  // Loading index files as scripts.

  var files = {};
  window.__hbSearchLoad = function (name, data) {
    if (files[name]) files[name].resolve(data);
  };
  function load(name) {
    if (!files[name]) {
      var entry = {};
      entry.promise = new Promise(function (resolve, reject) {
        entry.resolve = resolve;
        var tag = document.createElement("script");
        tag.src = ROOT + "search/" + name + ".js";
        tag.async = true;
        tag.onerror = function () {
          reject(new Error("search index file missing: " + name));
        };
        document.head.appendChild(tag);
      });
      files[name] = entry;
    }
    return files[name].promise;
  }

  // ---------------------------------------------------------------------------
  // Text to terms (search_text.py says the same in Python).

  var CLAUSE_ID = "[a-z]+[0-9]*-[0-9]+(?:\\.[0-9]+)*(?:\\.(?:[ivx]{2,5}|[a-z])(?![a-z0-9]))?";  // as search_text.CLAUSE_ID
  var TOKEN = new RegExp(CLAUSE_ID + "|[a-z0-9]+(?:'[a-z]+)*", "g");
  var ID = new RegExp("^" + CLAUSE_ID + "$");
  var stopWords = {};
  var CONTRACTION = /('ll|'ve|'re|'d|'m)$/;

  function fold(text) {
    return text.toLowerCase().replace(/[\u2018\u2019]/g, "'").normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  function words(text) {
    return fold(text).match(TOKEN) || [];
  }
  function term(token) {
    if (ID.test(token)) return token;
    if (token.length >= 20 && /[0-9]/.test(token)) return ""; // checksums, not words
    if (token.slice(-2) === "'s") token = token.slice(0, -2);
    if (token.slice(-3) === "n't") return ""; // didn't, can't: an auxiliary, never what a query is about
    token = token.replace(CONTRACTION, "").replace(/'/g, ""); // I'll, we've, they're: their first word
    if (!token || stopWords[token]) return "";
    return stem(british(token));
  }
  // American -ize/-yze endings read as the British -ise/-yse the handbook uses (organization, analyze).
  var US_ENDING = /^([a-z]{3,})([iy])z(e|ed|es|ing|ation|ations|er|ers)$/;
  function british(token) {
    return token.replace(US_ENDING, "$1$2s$3");
  }

  var stem = (function () {
    var step2list = {
      ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble", alli: "al",
      entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate", alism: "al",
      iveness: "ive", fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive", biliti: "ble", logi: "log"
    };
    var step3list = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };
    var c = "[^aeiou]", v = "[aeiouy]", C = c + "[^aeiouy]*", V = v + "[aeiou]*";
    var re_mgr0 = new RegExp("^(" + C + ")?" + V + C);
    var re_meq1 = new RegExp("^(" + C + ")?" + V + C + "(" + V + ")?$");
    var re_mgr1 = new RegExp("^(" + C + ")?" + V + C + V + C);
    var re_s_v = new RegExp("^(" + C + ")?" + v);
    var re_1a = /^(.+?)(ss|i)es$/, re2_1a = /^(.+?)([^s])s$/, re_1b = /^(.+?)eed$/, re2_1b = /^(.+?)(ed|ing)$/;
    var re_1b_2 = /.$/, re2_1b_2 = /(at|bl|iz)$/, re3_1b_2 = new RegExp("([^aeiouylsz])\\1$");
    var re4_1b_2 = new RegExp("^" + C + v + "[^aeiouwxy]$");
    var re_1c = /^(.+?[^aeiou])y$/;
    var re_2 = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
    var re_3 = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
    var re_4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
    var re2_4 = /^(.+?)(s|t)(ion)$/;
    var re_5 = /^(.+?)e$/, re_5_1 = /ll$/, re3_5 = new RegExp("^" + C + v + "[^aeiouwxy]$");
    return function (w) {
      var stem, suffix, firstch, re, re2, re3, re4, fp;
      if (w.length < 3) return w;
      firstch = w.substr(0, 1);
      if (firstch == "y") w = firstch.toUpperCase() + w.substr(1);
      re = re_1a; re2 = re2_1a;
      if (re.test(w)) w = w.replace(re, "$1$2");
      else if (re2.test(w)) w = w.replace(re2, "$1$2");
      re = re_1b; re2 = re2_1b;
      if (re.test(w)) {
        fp = re.exec(w); re = re_mgr0;
        if (re.test(fp[1])) { re = re_1b_2; w = w.replace(re, ""); }
      } else if (re2.test(w)) {
        fp = re2.exec(w); stem = fp[1]; re2 = re_s_v;
        if (re2.test(stem)) {
          w = stem; re2 = re2_1b_2; re3 = re3_1b_2; re4 = re4_1b_2;
          if (re2.test(w)) w = w + "e";
          else if (re3.test(w)) { re = re_1b_2; w = w.replace(re, ""); }
          else if (re4.test(w)) w = w + "e";
        }
      }
      re = re_1c;
      if (re.test(w)) { fp = re.exec(w); stem = fp[1]; w = stem + "i"; }
      re = re_2;
      if (re.test(w)) { fp = re.exec(w); stem = fp[1]; suffix = fp[2]; re = re_mgr0; if (re.test(stem)) w = stem + step2list[suffix]; }
      re = re_3;
      if (re.test(w)) { fp = re.exec(w); stem = fp[1]; suffix = fp[2]; re = re_mgr0; if (re.test(stem)) w = stem + step3list[suffix]; }
      re = re_4; re2 = re2_4;
      if (re.test(w)) { fp = re.exec(w); stem = fp[1]; re = re_mgr1; if (re.test(stem)) w = stem; }
      else if (re2.test(w)) { fp = re2.exec(w); stem = fp[1] + fp[2]; re2 = re_mgr1; if (re2.test(stem)) w = stem; }
      re = re_5;
      if (re.test(w)) {
        fp = re.exec(w); stem = fp[1]; re = re_mgr1; re2 = re_meq1; re3 = re3_5;
        if (re.test(stem) || (re2.test(stem) && !re3.test(stem))) w = stem;
      }
      re = re_5_1; re2 = re_mgr1;
      if (re.test(w) && re2.test(w)) { re = re_1b_2; w = w.replace(re, ""); }
      if (firstch == "y") w = firstch.toLowerCase() + w.substr(1);
      return w;
    };
  })();

  // ---------------------------------------------------------------------------
  // Queries.

  // "coc 1.4", "COC1.4", "coc-1.4" all name clause COC-1.4; "dis 5.2b", "DIS 5.2(b)" name DIS-5.2.b;
  // "isd-4" names section 4's clauses. Only a code the index has is a code ("DPA 2018" is words).
  var WHOLE_ID = /^\s*([a-z]{2,8}?[0-9]*?)\s*[-\s.]?\s*([0-9]+(?:\.[0-9]+)*)(?:\s*\.?\s*\(?([ivx]{2,5}|[a-z])\)?)?\s*$/;
  // A clause number typed with words ("code of conduct 1.4", "disciplinary procedure 3.2 (b)").
  var NUMBER = /(^|[^a-z0-9.-])([0-9]+(?:\.[0-9]+)+)(?:\s*\.?\s*\(?([ivx]{2,5}|[a-z])\)?(?![a-z0-9]))?/;
  // Words that say where a number is, not what the clause is about.
  var PLACE_WORDS = { section: 1, clause: 1, paragraph: 1, para: 1, part: 1, item: 1, principle: 1, point: 1, policy: 1, procedure: 1 };

  function parse(query, meta, keepSubject) {
    meta = meta || index;
    var folded = fold(query);
    var phrases = [];
    var rest = folded.replace(/["\u201c\u201d]([^"\u201c\u201d]*)["\u201c\u201d]?/g, function (_, inner) {
      var parts = positioned(inner);
      if (parts.length) phrases.push(parts);
      return " ";
    });
    var asked = question(rest, meta);
    rest = asked.rest;
    var loose = positioned(rest);
    var whole = folded.match(WHOLE_ID), ids = [];
    if (whole && phrases.length === 0 && /[.-]|[0-9]/.test(folded) && hasCode(whole[1], meta)) {
      loose = [{ pos: 0, term: whole[1] + "-" + whole[2] + (whole[3] ? "." + whole[3] : ""), word: "" }];
    } else if (meta && phrases.length === 0) {
      ids = numberedClauses(rest, loose, meta);
      if (ids.length) {
        var typed = rest.match(NUMBER);
        var numberWords = words(typed[0]);
        loose = loose.filter(function (p) { return numberWords.indexOf(p.word) < 0 && !PLACE_WORDS[p.word]; });
        ids.forEach(function (id) { loose.push({ pos: -1, term: id, word: "", id: true }); });
      }
    }
    var typed = loose;
    if (!keepSubject) loose = withoutSubject(loose, meta);
    var alts = alternativesOf(loose, rest);
    var all = loose.slice();
    phrases.forEach(function (p) { all = all.concat(p); });
    var seen = {}, unique = [];
    all.forEach(function (p) {
      if (!seen[p.term]) unique.push(p.term);
      seen[p.term] = (seen[p.term] || 0) + 1;
    });
    var altTerms = [];
    Object.keys(alts).forEach(function (q) {
      alts[q].forEach(function (p) { p.forEach(function (t) { if (altTerms.indexOf(t) < 0) altTerms.push(t); }); });
    });
    var hints = asked.hints;
    hints.forEach(function (t) { if (altTerms.indexOf(t) < 0) altTerms.push(t); });
    return { terms: unique, count: seen, phrases: phrases, loose: loose.filter(function (p) { return !p.id; }), named: typed.filter(function (p) { return !p.id; }), dropped: dropped(typed, loose), alts: alts, altTerms: altTerms, hints: hints, ids: ids };
  }


  // The query without the words for the people every clause is about (meta.subject: "housing officer",
  // "staff member"), which say who did something, not what: "my housing officer shouted at me" is
  // about shouting. Kept where nothing else is typed, and where a single word follows another word as
  // part of a role ("investigating officer", "data protection officer").
  function dropped(typed, kept) {
    var out = {};
    typed.forEach(function (p) { if (kept.indexOf(p) < 0) out[p.term] = 1; });
    kept.forEach(function (p) { delete out[p.term]; });
    return out;
  }
  function withoutSubject(loose, meta) {
    var phrases = ((meta && meta.subject) || []).slice().sort(function (a, b) { return b.length - a.length; }), drop = {}; // longest first
    for (var i = 0; i < loose.length; i++) {
      for (var j = 0; j < phrases.length; j++) {
        var ph = phrases[j], n = ph.length;
        var found = loose.slice(i, i + n);
        var ok = found.length === n && found.every(function (p, k) {
          return p.word && p.term === ph[k] && (k === 0 || p.pos - found[k - 1].pos <= 2);
        });
        if (!ok || drop[i]) continue;
        var before = loose[i - 1];
        if (n === 1 && before && before.word && before.pos === loose[i].pos - 1 && !drop[i - 1]) continue; // a role
        for (var k = 0; k < n; k++) drop[i + k] = 1;
      }
    }
    var kept = loose.filter(function (p, k) { return !drop[k]; });
    return kept.some(function (p) { return p.word; }) ? kept : loose;
  }
  var index = null; // meta, once loaded

  function hasCode(code, meta) {
    return !meta || meta.shards.indexOf("id-" + code) >= 0;
  }

  // A question's opening ("who", "how long", meta.questions): the words it asks for, as hints, and the
  // text without the opening, whose words ("long") are not what the question is about.
  function question(text, meta) {
    var all = words(text), none = { rest: text, hints: [] };
    if (!meta || !meta.questions) return none;
    for (var i = 0; i < meta.questions.length; i++) {
      var q = meta.questions[i];
      for (var j = 0; j < q.ask.length; j++) {
        var ask = q.ask[j];
        if (ask.length && ask.every(function (w, k) { return all[k] === w; })) {
          return { rest: all.map(function (w, k) { return k < ask.length ? "" : w; }).join(" "), hints: q.hint };
        }
      }
    }
    return none;
  }

  // Clause IDs a number typed with a document's name stands for: the number under the code of each
  // document (or policy) whose title has the most of the other words. "code of conduct 1.4" → coc-1.4.
  function numberedClauses(text, loose, meta) {
    var typed = text.match(NUMBER);
    if (!typed || !meta.groups) return [];
    var numberWords = words(typed[0]);
    var wanted = loose.filter(function (p) { return numberWords.indexOf(p.word) < 0 && !PLACE_WORDS[p.word]; }).map(function (p) { return p.term; });
    if (!wanted.length) return [];
    var best = 0, codes = [];
    meta.groups.forEach(function (g) {
      if (!g) return;
      var titleTerms = positioned(meta.titles[g] || "").map(function (p) { return p.term; });
      var found = wanted.filter(function (t) { return titleTerms.indexOf(t) >= 0; }).length;
      var code = g.replace(/^council:/, "").toLowerCase();
      if (!found || !hasCode(code, meta)) return;
      // fewer other words in the title breaks a tie: "code of conduct" is the Code of Conduct
      var score = found - 0.01 * (titleTerms.length - found);
      if (score > best) { best = score; codes = [code]; }
      else if (score === best) codes.push(code);
    });
    return codes.slice(0, 5).map(function (code) { return code + "-" + typed[2] + (typed[3] ? "." + typed[3] : ""); });
  }

  // Other words for what a typed word means (meta.alternatives, from search_synonyms.yml, word_families.yml
  // and the glossary): query term → phrases of index terms. A key of two or three words ("memory stick")
  // counts when they are typed one after the other, and stands for each of them.
  var alternatives = {};
  var negations = {};
  // "not trained", "never declared", "didn't declare": the word's opposite (untrained, undeclared) and
  // what that means (untrained → competence) are alternatives of the word; "not" itself is no term.
  var OPPOSITE = ["un", "in", "dis", "im", "ir", "il"];
  function negated(all, pos) {
    for (var k = pos - 1; k >= 0 && k >= pos - 2; k--) {
      var w = all[k];
      if (negations[w] || w.slice(-3) === "n't") return true;
      if (!stopWords[w.replace(/'/g, "")]) return false;
    }
    return false;
  }
  // The meanings of a typed word that the words just before it rule out (meta.senses: "on the phone" is a
  // call, not a device), as joined phrases.
  var senses = {};
  function otherSense(key, all, pos) {
    var out = [];
    (senses[key] || []).forEach(function (sense) {
      var ruled = pos >= 0 && sense.after.some(function (before) {
        return before.length <= pos && before.every(function (w, k) { return all[pos - before.length + k] === w; });
      });
      if (ruled) sense.means.forEach(function (m) { out.push(m.join(" ")); });
    });
    return out;
  }
  function alternativesOf(loose, text) {
    var out = {}, all = words(text || "");
    loose.forEach(function (p, i) {
      if (p.word && p.pos >= 0 && negated(all, p.pos)) {
        OPPOSITE.forEach(function (prefix) {
          var opposite = term(prefix + p.word);
          if (!opposite) return;
          out[p.term] = out[p.term] || [];
          if (prefix === "un" || alternatives[opposite]) out[p.term].push([opposite]);
          (alternatives[opposite] || []).forEach(function (phrase) { out[p.term].push(phrase); });
        });
      }
      // Two words typed apart that the handbook writes as one ("whistle blowing", "work place").
      var before = loose[i - 1];
      if (before && before.pos === p.pos - 1 && before.word.length >= 3 && p.word.length >= 3) {
        var joined = term(before.word + p.word);
        if (joined && joined !== p.term && joined !== before.term) {
          [before.term, p.term].forEach(function (t) {
            out[t] = out[t] || [];
            out[t].push([joined]);
          });
        }
      }
      // A word beginning with un- ("unlocked", "undeclared") is about what its rest is about.
      if (p.word && p.word.length >= 6 && p.word.indexOf("un") === 0) {
        var base = term(p.word.slice(2));
        if (base && base !== p.term) {
          out[p.term] = out[p.term] || [];
          out[p.term].push([base]);
        }
      }
      for (var n = 1; n <= 3 && n <= i + 1; n++) {
        var keyed = loose.slice(i + 1 - n, i + 1);
        var key = keyed.map(function (x) { return x.term; }).join(" ");
        var other = n === 1 ? otherSense(key, all, p.pos) : [];
        (alternatives[key] || []).forEach(function (phrase) {
          if (other.indexOf(phrase.join(" ")) >= 0) return;
          // a key of several words ("2nd job" → outside work) stands for each of its words
          keyed.forEach(function (x) {
            out[x.term] = out[x.term] || [];
            out[x.term].push(phrase);
          });
        });
      }
    });
    return out;
  }

  function positioned(text) {
    var out = [];
    words(text).forEach(function (w, i) {
      var t = term(w);
      if (t) out.push({ pos: i, term: t, word: w });
    });
    return out;
  }

  // The index file holding a term: clause IDs by their code; words by their first letters, as many
  // as search_index.py's plan_shards took to keep the file small (meta.shards lists them all).
  var MAX_KEY = 8;
  var shardSet = null;
  function shardKey(t, meta) {
    if (t.indexOf("-") > 0) {
      var code = "id-" + t.split("-")[0];
      return meta.shards.indexOf(code) >= 0 ? code : null; // no such code in the index
    }
    if (!shardSet) {
      shardSet = {};
      meta.shards.forEach(function (k) { shardSet[k] = 1; });
    }
    var padded = t + "________";
    for (var n = 1; n <= MAX_KEY; n++) {
      if (shardSet[padded.slice(0, n)]) return padded.slice(0, n);
    }
    return null;
  }

  // Every file that may hold an index term standing for q: its own, the files of longer words that
  // start with it (when its letters were split further) and of the shorter words it starts with.
  function shardsFor(q, meta) {
    var own = shardKey(q, meta);
    var keys = own ? [own] : [];
    if (q.indexOf("-") > 0) return keys;
    if (q.length >= 4 && (!own || own.length > q.length)) {
      meta.shards.forEach(function (k) {
        if (k.length > q.length && k.indexOf(q) === 0 && keys.indexOf(k) < 0) keys.push(k);
      });
    }
    for (var n = Math.max(5, q.length - 3); n < q.length; n++) {
      var shorter = shardKey(q.slice(0, n), meta);
      if (shorter && keys.indexOf(shorter) < 0) keys.push(shorter);
    }
    return keys;
  }

  // Edits (a letter added, dropped, changed, or two letters swapped: "greivance") from a to b, at most limit.
  function editDistanceAtMost(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return false;
    var before = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 1);
        if (cur[j] < best) best = cur[j];
      }
      if (best > limit) return false;
      before = prev;
      prev = cur;
    }
    return prev[b.length] <= limit;
  }

  // What a longer word adds to a short stem (4 or 5 letters) that is itself a word of the handbook, for
  // it to count as a form of the same word: an English ending, as the stemmer leaves it (fair → fairly,
  // treat → treatment, bribe → bribery, fail → failure). Any other continuation is another word:
  // offic → offici (officer, official), stand → standard, part → particular. A stem the handbook lacks
  // is a word still being typed ("integ", "hosp"): any longer word.
  var ENDINGS = {};
  "li ment ement ur ri eri iour ori atori er or less ful fulli abl ibl ti iti anc enc ion ation".split(" ").forEach(function (e) { ENDINGS[e] = 1; });

  // Index terms that stand for a query term, with how much they count.
  // [index term, how much its score counts, how much it counts towards "all the words found"].
  // `other`: the word has alternatives that are in the index, so it is no slip of the finger.
  function matchesFor(q, shard, other, typed) {
    var out = [];
    if (shard[q]) out.push([q, 1, 1]);
    if (q.indexOf("-") > 0) {
      // a section ("isd-4", "psf-3.2" where items follow): its clauses, in the handbook's order
      if (!out.length) Object.keys(shard).forEach(function (t) { if (t.indexOf(q + ".") === 0) out.push([t, 0, 1]); });
      return out;
    }
    Object.keys(shard).forEach(function (t) {
      if (t === q || t.indexOf("-") > 0 || t.charAt(0) === "=") return;
      if (t.indexOf(q) === 0 && (q.length >= 6 || (q.length >= 4 && (!shard[q] || ENDINGS[t.slice(q.length)])))) out.push([t, 0.6, 0.8]); // discrimin → discriminatori
      else if (t.length >= 5 && q.indexOf(t) === 0 && q.length - t.length <= 3) out.push([t, 0.6, 0.8]);
    });
    if (!out.length && !other && q.length >= 5) {
      var limit = q.length >= 8 ? 2 : 1;
      Object.keys(shard).forEach(function (t) {
        if (t.indexOf("-") >= 0 || t.charAt(0) === "=") return;
        // a slip of the finger (safegaurding), or one in a longer form of the word (confidentialty)
        if (editDistanceAtMost(q, t, limit) || (t.length >= 6 && q.length > t.length && editDistanceAtMost(q.slice(0, t.length), t, 1))) {
          out.push([t, 0.5 * Math.min(1, t.length / q.length), 0.5]); // a guess counts half towards "all words found"
        }
      });
      // A slip near the end changes the stem ("bullyign" is no form of "bulli"): the word as typed
      // against the words as written in the handbook ("=bullying"), filed with their term.
      if (!out.length && typed && typed.length >= 5) {
        var seen = {};
        Object.keys(shard).forEach(function (k) {
          if (k.charAt(0) !== "=") return;
          var t = term(k.slice(1));
          if (!seen[t] && shard[t] && editDistanceAtMost(typed, k.slice(1), typed.length >= 8 ? 2 : 1)) {
            seen[t] = 1;
            out.push([t, 0.5 * Math.min(1, t.length / q.length), 0.5]);
          }
        });
      }
    }
    return out;
  }

  function hasSequence(parts, postingsByTerm, doc) {
    // parts: [{pos, term}], every term's positions in doc must line up as in the query.
    var lists = parts.map(function (p) {
      var posting = postingsByTerm[p.term];
      if (!posting) return null;
      var k = posting.index[doc];
      return k === undefined ? null : posting.data[2][k];
    });
    if (lists.some(function (l) { return !l || !l.length; })) return false;
    var base = parts[0].pos;
    return lists[0].some(function (start) {
      return lists.every(function (l, i) {
        return l.indexOf(start + parts[i].pos - base) >= 0;
      });
    });
  }

  // Each word of the query followed, within a few words, by the next one: the words said together.
  function near(parts, postingsByTerm, doc) {
    var lists = parts.map(function (p) {
      var posting = postingsByTerm[p.term];
      var k = posting ? posting.index[doc] : undefined;
      return k === undefined ? null : posting.data[2][k];
    });
    if (lists.some(function (l) { return !l || !l.length; })) return false;
    for (var i = 1; i < lists.length; i++) {
      var before = lists[i - 1], after = lists[i];
      var ok = before.some(function (a) { return after.some(function (b) { return b > a && b - a <= 3; }); });
      if (!ok) return false;
    }
    return true;
  }

  // A page named by what was typed: every word of the query in the page's name (its title, or the names of
  // the part of the handbook it is in, meta.sectionAt: "nolan principle of openness" names Openness under
  // Nolan principles), and more than half of its title's words typed ("case sheet", "seven principles of
  // public life"), not a page whose title merely has them ("What changed: Social Media Policy").
  function titled(parts, postingsByTerm, doc, meta) {
    if (!parts.length || !meta.titleAt) return false;
    function within(p, range) {
      var posting = postingsByTerm[p.term];
      var k = posting ? posting.index[doc] : undefined;
      return !!range && k !== undefined && posting.data[2][k].some(function (at) { return at >= range[0] && at < range[1]; });
    }
    var inTitle = parts.filter(function (p) { return within(p, meta.titleAt); }).length;
    if (!(inTitle * 2 > (meta.titleWords || {})[doc])) return false;
    return parts.every(function (p) { return within(p, meta.titleAt) || within(p, meta.sectionAt); });
  }

  function indexed(data) {
    var index = {};
    data[0].forEach(function (doc, k) { index[doc] = k; });
    return { data: data, index: index };
  }

  // Words of the query as typed (not clause IDs), for the exact-word preference in refine().
  function typedWords(query) {
    var typed = {}, all = words(query);
    positioned(query.replace(/["\u201c\u201d]/g, " ")).forEach(function (p) { typed[all[p.pos]] = 1; });
    return Object.keys(typed).filter(function (w) { return w.indexOf("-") < 0; });
  }

  function useMeta(meta) {
    if (index === meta) return;
    index = meta;
    stopWords = {};
    meta.stopWords.forEach(function (w) { stopWords[w] = 1; });
    negations = {};
    (meta.negations || []).forEach(function (w) { negations[w] = 1; });
    alternatives = meta.alternatives || {};
    senses = meta.senses || {};
  }

  // Ranks the whole index for a query; resolves to [[doc, score], ...].
  // keepSubject: search the words for the code's subject too (a page is named by them, with the rest).
  function rank(query, filters, keepSubject) {
    return load("meta").then(function (meta) {
      useMeta(meta);
      var parsed = parse(query, meta, keepSubject);
      if (!parsed.terms.length) return [];
      var wanted = typedWords(query).filter(function (w) { return !parsed.dropped[term(w)]; });
      var keys = {}, byTerm = {};
      parsed.terms.forEach(function (t) {
        byTerm[t] = shardsFor(t, meta);
        byTerm[t].forEach(function (k) { keys[k] = 1; });
      });
      parsed.altTerms.concat(Object.keys(parsed.dropped)).forEach(function (t) {
        var k = shardKey(t, meta);
        if (k) keys[k] = 1;
      });
      wanted.forEach(function (w) {
        var k = term(w) && shardKey(term(w), meta);
        if (k) keys[k] = 1;
      });
      var names = Object.keys(keys);
      return Promise.all(names.map(function (k) { return load("t/" + k); })).then(function (loaded) {
        var shards = {};
        names.forEach(function (k, i) { shards[k] = loaded[i]; });
        var exact = {};
        var scores = {}, matched = {};
        var typedAs = {}; // a query term → the word as typed
        parsed.loose.forEach(function (p) { if (p.word) typedAs[p.term] = p.word; });
        var weight = {}, total = 0; // a rare word counts more towards "all the words matched"
        parsed.terms.forEach(function (q) {
          var shard = byTerm[q].length === 1 ? shards[byTerm[q][0]] : {};
          if (byTerm[q].length > 1) byTerm[q].forEach(function (k) { Object.assign(shard, shards[k]); });
          if (shard[q]) exact[q] = indexed(shard[q]);
          var best = {}, quality = {}, df = 0;
          // the best score a doc has for the word, and, apart, how fully it has the word: text with the
          // word as typed counts in full towards "all the words found" even where what the word means
          // scores higher there (the Whistleblowing Policy's clauses say "raise a concern")
          function take(doc, s, good) {
            if (!(best[doc] >= s)) best[doc] = s;
            if (!(quality[doc] >= good)) quality[doc] = good;
          }
          // What the word means in the handbook's words, each phrase scored by the share of its words found.
          var other = false;
          (parsed.alts[q] || []).forEach(function (phrase) {
            var sum = {}, found = {};
            phrase.forEach(function (t) {
              var k = shardKey(t, meta), data = k && shards[k] && shards[k][t];
              if (!data) return;
              other = true;
              df = Math.max(df, data[0].length);
              for (var j = 0; j < data[0].length; j++) {
                sum[data[0][j]] = (sum[data[0][j]] || 0) + data[1][j];
                found[data[0][j]] = (found[data[0][j]] || 0) + 1;
              }
            });
            Object.keys(sum).forEach(function (doc) {
              take(doc, ALTERNATIVE * sum[doc] / phrase.length, ALTERNATIVE * found[doc] / phrase.length);
            });
          });
          matchesFor(q, shard, other, typedAs[q]).forEach(function (m) {
            var data = shard[m[0]];
            df = Math.max(df, data[0].length);
            // m[1] 0: a clause of the section typed, all alike (the handbook's order breaks the tie)
            for (var k = 0; k < data[0].length; k++) take(data[0][k], m[1] ? data[1][k] * m[1] : 1000, m[2]);
          });
          if (shard[q]) df = shard[q][0].length; // a word in the index is as rare as it is, whatever else it stands for
          weight[q] = df ? Math.log(1 + (meta.count - df + 0.5) / (df + 0.5)) : 0;
          total += weight[q];
          Object.keys(best).forEach(function (doc) {
            scores[doc] = (scores[doc] || 0) + best[doc] * parsed.count[q]; // a word typed twice counts twice
            matched[doc] = (matched[doc] || 0) + weight[q] * quality[doc];
          });
        });
        // the words left out as the query's subject, for a page named by every word typed
        Object.keys(parsed.dropped).forEach(function (t) {
          var k = shardKey(t, meta), data = k && shards[k] && shards[k][t];
          if (data && !exact[t]) exact[t] = indexed(data);
        });
        // a question's answer words (who → manager, officer; how long → days, months)
        var hinted = {};
        parsed.hints.forEach(function (t) {
          var k = shardKey(t, meta), data = k && shards[k] && shards[k][t];
          (data ? data[0] : []).forEach(function (d) { hinted[d] = 1; });
        });
        var out = [], named = false;
        Object.keys(scores).forEach(function (key) {
          var doc = +key;
          var flags = meta.flags[doc], kind = flags >> 1, current = flags & 1;
          if (filters.current && !current) return;
          if (filters.group) {
            var group = meta.groups[meta.group[doc]] || "";
            if (filters.group === "council:*" ? group.indexOf("council:") !== 0 : group !== filters.group) return;
          }
          for (var p = 0; p < parsed.phrases.length; p++) {
            if (!hasSequence(parsed.phrases[p], exact, doc)) return;
          }
          var cover = total ? matched[doc] / total : 1;
          var score = scores[doc] * cover * cover * PRIOR[kind] * (current ? 1 : SUPERSEDED);
          if (parsed.loose.length > 1 && near(parsed.loose, exact, doc)) score *= 1.3;
          if (kind === PAGE && parsed.named.length > 1 && titled(parsed.named, exact, doc, meta)) {
            score *= TITLED;
            named = true;
          }
          if (hinted[doc]) score *= HINT;
          out.push([doc, score]);
        });
        // a page named by every word typed, the subject's words among them ("what can tenants expect from
        // housing staff"): those words are what was asked for, so they are searched for too
        if (named && Object.keys(parsed.dropped).length) return rank(query, filters, true);
        out.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        var forms = wanted.map(function (w) {
          var k = term(w) && shardKey(term(w), meta), list = k && shards[k] && shards[k]["=" + w];
          var set = {};
          (list || []).forEach(function (d) { set[d] = 1; });
          // a word the handbook never writes as typed ("tweeting"): the entries showing what it means
          // ("social media"), as the results mark those words
          if (!list) shownMeaning(parsed.alts[term(w)] || [], shards, meta, set);
          return set;
        });
        return refine(out, forms);
      });
    });
  }

  // Into `set`: the entries whose title or excerpt has a word of one of the phrases (from the "=word"
  // lists of the phrases' term files, already loaded).
  function shownMeaning(phrases, shards, meta, set) {
    var wanted = {};
    phrases.forEach(function (p) { p.forEach(function (t) { wanted[t] = 1; }); });
    Object.keys(wanted).forEach(function (t) {
      var k = shardKey(t, meta), shard = k && shards[k];
      if (!shard) return;
      Object.keys(shard).forEach(function (key) {
        if (key.charAt(0) === "=" && term(key.slice(1)) === t) shard[key].forEach(function (d) { set[d] = 1; });
      });
    });
  }

  // The best results again, a little higher where the title or excerpt shown has a word exactly as
  // typed ("supervision" before "supervise"); forms: per typed word, the entries that have it.
  var REFINE = 20;
  function refine(ranked, forms) {
    if (!forms.length || ranked.length < 2) return ranked;
    var head = ranked.slice(0, REFINE).map(function (r) {
      var exact = forms.filter(function (set) { return set[r[0]]; }).length;
      return [r[0], r[1] * (1 + 0.2 * exact / forms.length)];
    });
    head.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return head.concat(ranked.slice(REFINE));
  }

  // One result's address, title, context and excerpt, from its excerpt file.
  function row(meta, d) {
    return load("d/" + Math.floor(d / meta.chunk)).then(function (chunk) {
      var r = chunk[d % meta.chunk], flags = meta.flags[d];
      return { doc: d, url: r[0], title: r[1], context: r[2], excerpt: r[3], kind: flags >> 1, current: !!(flags & 1) };
    });
  }

  // ---------------------------------------------------------------------------
  // The box in the header.

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Text with the words that match the query marked, built as DOM nodes (never HTML).
  function highlighted(text, queryTerms) {
    var span = el("span");
    var wanted = {};
    queryTerms.forEach(function (t) { wanted[t] = 1; });
    var last = 0;
    var re = /[A-Za-z0-9\u00c0-\u024f'\u2019.-]+/g, m;
    while ((m = re.exec(text))) {
      var token = words(m[0])[0];
      var t = token ? term(token) : "";
      if (t && (wanted[t] || queryTerms.some(function (q) { return q.length >= 4 && t.indexOf(q) === 0; }))) {
        span.appendChild(document.createTextNode(text.slice(last, m.index)));
        span.appendChild(el("mark", {}, m[0]));
        last = m.index + m[0].length;
      }
    }
    span.appendChild(document.createTextNode(text.slice(last)));
    return span;
  }

  function setup() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.getElementById("hb-search")) return;
    // Material's colour-scheme radio is aria-hidden; without Material's search beside it axe
    // (rightly) finds it focusable: keep it out of the tab order.
    Array.prototype.forEach.call(document.querySelectorAll("input.md-option[aria-hidden=true]"), function (radio) {
      radio.setAttribute("tabindex", "-1");
    });
    var box = el("div", { id: "hb-search", class: "hb-search", role: "search" });
    var label = el("label", { for: "hb-search-input", class: "hb-search__label" }, "Search the handbook");
    var input = el("input", {
      id: "hb-search-input", class: "hb-search__input", type: "search", placeholder: "Search: words, \"a phrase\" or COC-1.4",
      autocomplete: "off", spellcheck: "false", "aria-controls": "hb-search-panel"
    });
    var panel = el("div", { id: "hb-search-panel", class: "hb-search__panel", hidden: "" });
    var filters = el("div", { class: "hb-search__filters" });
    var docLabel = el("label", { for: "hb-search-doc" }, "Document ");
    var docSelect = el("select", { id: "hb-search-doc", class: "hb-search__filter" });
    docSelect.appendChild(el("option", { value: "" }, "All documents and pages"));
    var verLabel = el("label", { for: "hb-search-versions" }, "Versions ");
    var verSelect = el("select", { id: "hb-search-versions", class: "hb-search__filter" });
    verSelect.appendChild(el("option", { value: "all" }, "All versions"));
    verSelect.appendChild(el("option", { value: "current" }, "Current only"));
    filters.appendChild(docLabel);
    filters.appendChild(docSelect);
    filters.appendChild(verLabel);
    filters.appendChild(verSelect);
    var status = el("p", { class: "hb-search__status", role: "status", "aria-live": "polite" });
    var list = el("ol", { class: "hb-search__results", "aria-label": "Search results" });
    var more = el("button", { type: "button", class: "hb-search__more md-button", hidden: "" }, "Show more results");
    panel.appendChild(filters);
    panel.appendChild(status);
    panel.appendChild(list);
    panel.appendChild(more);
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(panel);
    var before = header.querySelector(".md-header__source");
    header.insertBefore(box, before);

    var filled = false;
    function fillFilters(meta) {
      if (filled) return;
      filled = true;
      var cih = el("optgroup", { label: "CIH standards" });
      var council = el("optgroup", { label: "Council policies" });
      council.appendChild(el("option", { value: "council:*" }, "All council policies"));
      meta.groups.forEach(function (g) {
        if (!g) return;
        var title = meta.titles[g] || g;
        (g.indexOf("council:") === 0 ? council : cih).appendChild(el("option", { value: g }, title));
      });
      if (cih.children.length) docSelect.appendChild(cih);
      if (council.children.length > 1) docSelect.appendChild(council);
    }

    var ranked = [], shown = 0, latest = 0, lastQuery = null, queryTerms = [];
    function open(yes) {
      panel.hidden = !yes;
    }
    function item(r) {
      var entry = el("li", { class: "hb-search__result", "data-kind": KIND_LABEL[r.kind] });
      var link = el("a", { href: ROOT + r.url, class: "hb-search__link" });
      var head = el("span", { class: "hb-search__title" });
      head.appendChild(el("strong", {}, r.title));
      if (!r.current) head.appendChild(el("span", { class: "hb-search__badge" }, "superseded"));
      if (r.kind !== 0) head.appendChild(el("span", { class: "hb-search__kind" }, KIND_LABEL[r.kind]));
      link.appendChild(head);
      if (r.context) link.appendChild(el("span", { class: "hb-search__context" }, r.context));
      var excerpt = highlighted(r.excerpt, queryTerms);
      excerpt.className = "hb-search__excerpt";
      link.appendChild(excerpt);
      entry.appendChild(link);
      return entry;
    }
    // The next `count` results, each shown as soon as its excerpt file and those of the results above it are in.
    function show(count) {
      var ticket = latest;
      var slice = ranked.slice(shown, shown + count);
      shown += slice.length;
      more.hidden = true;
      return load("meta").then(function (meta) {
        var pending = slice.map(function (r) { return row(meta, r[0]); }); // all requested at once
        return pending.reduce(function (chain, next) {
          return chain.then(function () { return next; }).then(function (r) {
            if (ticket === latest) list.appendChild(item(r));
          });
        }, Promise.resolve());
      }).then(function () {
        if (ticket === latest) more.hidden = shown >= ranked.length;
      });
    }
    function run() {
      var query = input.value;
      var key = query + "\u0000" + docSelect.value + "\u0000" + verSelect.value;
      if (key === lastQuery) return;
      lastQuery = key;
      var ticket = ++latest;
      if (!query.trim()) {
        list.textContent = "";
        status.textContent = "";
        more.hidden = true;
        open(false);
        return;
      }
      open(true);
      load("meta").then(function (meta) {
        fillFilters(meta);
        var parsed = parse(query, meta);
        queryTerms = parsed.terms.concat(parsed.altTerms.filter(function (t) { return parsed.hints.indexOf(t) < 0; }));
        return rank(query, { group: docSelect.value, current: verSelect.value === "current" });
      }).then(function (result) {
        if (ticket !== latest) return;
        ranked = result;
        shown = 0;
        list.textContent = "";
        status.textContent = result.length
          ? result.length + (result.length === 1 ? " result" : " results")
          : "No results. Try other words, or a clause ID such as COC-1.4.";
        return show(PAGE_SIZE).then(function () {
          if (ticket === latest) status.dataset.query = query;
        });
      }).catch(function (err) {
        status.textContent = "Search is unavailable: " + err.message;
      });
    }

    load("meta").then(function (meta) {
      useMeta(meta);
      fillFilters(meta);
      input.addEventListener("input", run);
      docSelect.addEventListener("change", run);
      verSelect.addEventListener("change", run);
      if (input.value) run();
    }).catch(function (err) {
      input.disabled = true;
      input.placeholder = "Search is unavailable";
      if (window.console) console.warn(err.message);
    });

    more.addEventListener("click", function () { show(PAGE_SIZE); });
    input.addEventListener("focus", function () { if (input.value.trim()) open(true); });
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        var first = links()[0];
        if (first) window.location.href = first.href;
      } else if (e.key === "ArrowDown") {
        var l = links();
        if (l.length) { e.preventDefault(); open(true); l[0].focus(); }
      } else if (e.key === "Escape" && !panel.hidden) {
        e.preventDefault(); // the first Escape closes the results, a second clears the box
        open(false);
      }
    });
    list.addEventListener("keydown", function (e) {
      var l = links(), i = l.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === "ArrowDown" && i + 1 < l.length) { e.preventDefault(); l[i + 1].focus(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); (i ? l[i - 1] : input).focus(); }
      else if (e.key === "Escape") { e.preventDefault(); input.focus(); open(false); }
    });
    box.addEventListener("focusout", function (e) {
      if (!e.relatedTarget || !box.contains(e.relatedTarget)) {
        setTimeout(function () { if (!box.contains(document.activeElement)) open(false); }, 0);
      }
    });
    document.addEventListener("keydown", function (e) {
      var target = e.target, tag = target && target.tagName;
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
      e.preventDefault();
      input.focus();
    });
  }

  window.handbookSearch = {
    refine: refine, parse: parse, term: term, stem: stem, words: words, rank: rank, load: load, withinEdits: editDistanceAtMost
  };
  // The index starts loading at once, and the box appears as soon as the header is there
  // (this script runs at the end of the page), not after the rest of the page's scripts.
  load("meta").catch(function () {});
  if (document.querySelector(".md-header__inner")) setup();
  else document.addEventListener("DOMContentLoaded", setup);
})();
