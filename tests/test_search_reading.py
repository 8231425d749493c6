"""How search reads a query: clause IDs in odd forms, abbreviations, questions, negation, word forms, slips.

The Python half (search_text: the lists in data/search_synonyms.yml, contractions) and the browser
half (assets/search.js: parse and rank on the sample site) of each mechanism, each test failing when
its mechanism is taken out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from handbook import search_index, search_text
from handbook.errors import HandbookError
from handbook.search_index import CLAUSE, POLICY, Entry, build_index, nav_labels, page_entries
from handbook.search_text import term

from test_browser_search import hrefs, search

# ---------------------------------------------------------------------------
# The lists, as the index reads them.


def test_abbreviations_stand_for_what_they_abbreviate() -> None:
    found = search_text.alternatives()
    assert found["dpo"] == [["data", "protect", "offic"]]
    assert found["h s"] == [["health", "safeti"]]  # "H&S": two terms typed one after the other
    assert "data protect offic" not in found  # one way: the expansion does not find the abbreviation
    # "reporter" stems to "report": an everyday word read as a word the handbook uses in another sense
    # would make every "report" query search the press too.
    assert "report" not in found


def test_the_glossarys_abbreviations_are_read_too(sample_site: Path) -> None:
    own = search_text.alternatives((("XQZ", "Examination Quality Zone"),))
    assert own["xqz"] == [["examin", "qualiti", "zone"]]
    assert "xqz" not in search_text.alternatives()
    # The sample's glossary (content/glossary.yml) has CSPL, which the packaged list does not.
    meta = _meta(sample_site)
    assert meta["alternatives"]["cspl"] == [["committe", "standard", "public", "life"]]


def test_forms_the_stemmer_cannot_join_find_each_other() -> None:
    found = search_text.alternatives()
    assert found["heard"] == [["hear"]] and found["hear"] == [["heard"]]
    assert found["2nd"] == [["second"]]
    assert found["stolen"] == [["theft"], ["steal"], ["stole"]]  # the everyday list's meaning first, then the forms in order


def test_american_spellings_find_the_british_one_way() -> None:
    found = search_text.alternatives()
    assert found["favor"] == [["favour"]]
    assert ["behaviour"] in found["behavior"]
    assert ["favourit"] in found[term("favorite")]
    assert "favour" not in found or ["favor"] not in found["favour"]


def test_question_openings_and_their_hints() -> None:
    asked = search_text.questions()
    who = next(q for q in asked if ["who"] in q["ask"])
    assert ["to", "whom"] in who["ask"] and {"manag", "offic", "head"} <= set(who["hint"])
    long = next(q for q in asked if ["how", "long"] in q["ask"])
    assert {"within", "day", "month"} <= set(long["hint"])
    # meta keeps only the hints the index has
    entry = Entry(url="a/", title="A", kind=CLAUSE, group="", current=True, context="", fields={"body": "the manager decides within days"})
    meta, _, _ = build_index([entry])
    assert next(q for q in meta["questions"] if ["who"] in q["ask"])["hint"] == ["manag"]
    assert "not" in meta["negations"] and "didnt" in meta["negations"]


def test_contractions_are_their_first_word() -> None:
    assert [term(w) for w in ("i'll", "didn't", "needn't", "mightn't", "they're", "we've", "employer's", "ill")] == ["", "", "", "", "", "", "employ", "ill"]
    assert [term(w) for w in ("dont", "frm", "u", "happens")] == ["", "", "", ""]


def test_a_broken_list_is_one_clear_error(synonyms_file: Path) -> None:
    synonyms_file.write_text("everyday: []\namerican:\n  - [color, colour, colur]\n", encoding="utf-8")
    with pytest.raises(HandbookError) as err:
        search_text.alternatives()
    assert str(err.value).endswith("'american:' entry 1 needs [American spelling, British spelling]; fix that entry")
    synonyms_file.write_text("everyday: []\nquestions:\n  - {ask: [who]}\n", encoding="utf-8")
    with pytest.raises(HandbookError, match="'questions:' entry 1 needs an 'ask:' list and a 'hint:' list"):
        search_text.questions()


def test_everyday_words_for_the_handbooks_own_pages_and_for_belittling() -> None:
    found = search_text.alternatives()
    assert found["mean"] == [["glossari"]] and found["definit"] == [["glossari"]]  # meaning, definition → the glossary
    assert found["first week"] == [["induct"]] and found["new starter"] == [["induct"]]
    assert found["belittl"] == [["humili"]] and found["patronis"] == [["humili"]]
    # "letting" (a flat) stems to "let", which is also letting someone do something: left out
    assert "let" not in found


def _meta(site: Path) -> dict:
    text = (site / "search" / "meta.js").read_text(encoding="utf-8")
    return json.loads(text[text.index(",") + 1 : text.rindex(");")])


def _rows(site: Path) -> list[list]:
    """Every entry's [address, title, context, excerpt], in index order."""
    rows: list[list] = []
    files = sorted((site / "search" / "d").glob("*.js"), key=lambda f: int(f.stem))
    for f in files:
        text = f.read_text(encoding="utf-8")
        rows += json.loads(text[text.index(",") + 1 : text.rindex(");")])
    return rows


def test_a_superseded_policys_clauses_are_superseded_clauses(sample_site: Path) -> None:
    # DOI 1.3's clause pages were indexed as pages in force, so a query about declaring ranked them
    # above the clauses of DOI 1.4.
    meta, rows = _meta(sample_site), _rows(sample_site)
    flags = {row[0]: meta["flags"][i] for i, row in enumerate(rows)}
    assert flags["council/declarations-of-interest-policy/1.3/doi-3.1/"] == CLAUSE * 2  # a clause, not current
    assert flags["council/declarations-of-interest-policy/1.4/doi-3.1/"] == CLAUSE * 2 + 1
    assert flags["council/gifts-and-hospitality-policy/2.1/"] == POLICY * 2  # the superseded version's page
    row = rows[[r[0] for r in rows].index("council/declarations-of-interest-policy/1.3/doi-3.1/")]
    assert row[1:3] == ["DOI-3.1", "Declarations of Interest Policy 1.3 · 3 How to declare an interest"]


def test_a_page_is_found_by_its_place_in_the_navigation(sample_site: Path) -> None:
    labels = nav_labels(sample_site)
    assert labels["nolan/"] == "Nolan principles" and labels["report/"] == "Alignment report"
    entries = {e.url: e for e in page_entries(sample_site, set(), {})}
    # the navigation's names, then the titles of the pages above (the part of the handbook it is in)
    assert entries["nolan/openness/"].fields["document"] == "Nolan principles The Seven Principles of Public Life"
    assert entries["induction/nolan/"].fields["document"] == "The Nolan principles Induction path Induction path for new starters"
    assert entries["report/"].fields["document"] == "Alignment report"
    meta = _meta(sample_site)
    assert meta["titleAt"] == [100_000, 200_000]  # the title field's positions (the second field)
    assert meta["sectionAt"] == [300_000, 400_000]  # a page's section names (the fourth field), with positions
    rows = [r[0] for r in _rows(sample_site)]
    assert meta["titleWords"][str(rows.index("nolan/"))] == 4  # "The Seven Principles of Public Life", stop words aside
    assert meta["titleWords"][str(rows.index("nolan/openness/"))] == 1  # "5. Openness": the number only orders it


# ---------------------------------------------------------------------------
# In the browser.

COUNCIL = "/council/"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("dis 4.1(c)", "disciplinary-procedure/4.0/dis-4.1.c/"),
        ("soc2.2a", "social-media-policy/1.2/soc-2.2.a/"),
        ("TRA 4.1 b", "training-agreement/2.1/tra-4.1.b/"),
        ("whi4.3", "whistleblowing-policy/3.0/whi-4.3/"),
        ("disciplinary procedure 3.2", "disciplinary-procedure/4.0/dis-3.2/"),
        ("section 3.2 of the whistleblowing policy", "whistleblowing-policy/3.0/whi-3.2/"),
    ],
)
def test_clause_ids_typed_in_other_forms(page: Page, site_server: str, query: str, first: str) -> None:
    search(page, site_server, query)
    assert hrefs(page)[0] == site_server + COUNCIL + first


@pytest.mark.browser
def test_a_section_number_lists_its_clauses_in_order(page: Page, site_server: str) -> None:
    search(page, site_server, "dis-6")
    assert hrefs(page)[:3] == [f"{site_server}{COUNCIL}disciplinary-procedure/4.0/dis-6.{n}/" for n in (1, 2, 3)]


@pytest.mark.browser
def test_a_code_the_index_lacks_is_words_not_a_broken_search(page: Page, site_server: str) -> None:
    # "DPA 2018" once asked for the index file of clause code "dpa", which does not exist: "Search is unavailable".
    for query in ("XYZ 2018", "xyz-2018 act"):  # read as a code and number, and as one clause-ID-like token
        search(page, site_server, query)
        expect(page.locator(".hb-search__status")).not_to_contain_text("unavailable")
    search(page, site_server, "act 2018", fresh=False)  # "act" is no clause code: words, and ISD-1.1 has both
    assert "/isd-1.1/" in hrefs(page)[0]


@pytest.mark.browser
def test_a_who_question_lifts_results_that_name_a_person_or_body(page: Page, site_server: str) -> None:
    ratios = page_eval(
        page,
        site_server,
        """Promise.all([handbookSearch.rank('who do I raise a concern with', {}), handbookSearch.rank('raise a concern with', {})])
           .then(([asked, plain]) => { const m = {}; plain.forEach(([d, s]) => m[d] = s);
             return asked.slice(0, 6).map(([d, s]) => Math.round(100 * s / m[d]) / 100); })""",
    )
    assert set(ratios) == {1.0, 1.35}, ratios  # hinted results (a manager, an officer) count 1.35 times, others as before
    parsed = page_eval(page, site_server, "handbookSearch.load('meta').then(m => handbookSearch.parse('how long do we keep records', m))", fresh=False)
    assert parsed["terms"] == ["keep", "record"]  # "how long" asks for a time; it is not about "long"
    assert "day" in parsed["hints"] and "within" in parsed["hints"]


@pytest.mark.browser
def test_not_and_un_words_also_mean_their_opposite(page: Page, site_server: str) -> None:
    alts = page_eval(
        page,
        site_server,
        """handbookSearch.load('meta').then(m => [
             handbookSearch.parse('not trained to do this job', m).alts['train'],
             handbookSearch.parse('trained to do this job', m).alts['train'] || null,
             handbookSearch.parse("I didn't declare it", m).alts['declar'],
             handbookSearch.parse('unlocked screen', m).alts['unlock'],
             handbookSearch.parse('not', m).terms])""",
    )
    not_trained, trained, didnt_declare, unlocked, just_not = alts
    assert not_trained == [["untrain"], ["compet"], ["qualifi"]]  # untrained, and what the synonyms say it means
    assert trained is None
    assert ["undeclar"] in didnt_declare
    assert ["lock"] in unlocked
    assert just_not == []


@pytest.mark.browser
def test_a_key_of_several_words_stands_for_each_of_them(page: Page, site_server: str) -> None:
    alts = page_eval(page, site_server, "handbookSearch.load('meta').then(m => handbookSearch.parse('2nd job', m).alts)")
    assert ["outsid", "work"] in alts["2nd"] and ["outsid", "work"] in alts["job"]


@pytest.mark.browser
def test_two_letters_swapped_are_one_slip(page: Page, site_server: str) -> None:
    found = page_eval(
        page,
        site_server,
        """[handbookSearch.withinEdits('greivanc', 'grievanc', 1), handbookSearch.withinEdits('grievanc', 'grievanc', 0),
            handbookSearch.withinEdits('greivanc', 'grievanc', 0), handbookSearch.withinEdits('abcd', 'badc', 1),
            handbookSearch.withinEdits('tenant', 'tennant', 1)]""",
    )
    assert found == [True, True, False, False, True]
    # "intimdiation" (stem "intimdi"): one swap from "intimid"
    search(page, site_server, "intimdiation", fresh=False)
    assert hrefs(page)[0].endswith(("/coe-1.6/", "/ecc-2.2/"))


@pytest.mark.browser
def test_a_slip_near_the_end_is_found_against_the_words_as_written(page: Page, site_server: str) -> None:
    # "bullyign" stems to itself, far from "bulli"; as typed it is one swap from "bullying".
    search(page, site_server, "bullyign")
    first = hrefs(page)[0]
    assert first.endswith(("/soc-2.2.b/", "/ecc-2.2/", "/dis-5.2.a/")), first


def page_eval(page: Page, base: str, script: str, *, fresh: bool = True):  # type: ignore[no-untyped-def]
    if fresh:
        page.goto(f"{base}/")
        page.wait_for_function("window.handbookSearch")
    return page.evaluate(script)


@pytest.mark.browser
def test_a_word_as_typed_counts_in_full_where_its_meaning_scores_higher(page: Page, site_server: str) -> None:
    # WHI-3.2 ("Concerns may be raised…") has "whistleblowing" only in its policy's title, and what the word
    # means ("raise a concern") in its text, which scores higher; WHI-4.3 has the title alone. Both have the
    # one word typed, so both count fully towards "all the words found" (WHI-3.2 counted 0.8 before).
    scores = _ranked(page, site_server, "whistleblowing")
    assert scores["council/whistleblowing-policy/3.0/whi-3.2/"] / scores["council/whistleblowing-policy/3.0/whi-4.3/"] > 1.5


@pytest.mark.browser
def test_a_short_stem_finds_longer_words_only_through_an_english_ending(page: Page, site_server: str) -> None:
    officer = _ranked(page, site_server, "officer")
    assert "council/social-media-policy/1.2/soc-3.1/" not in officer  # "official accounts": offici is no form of offic
    treat = _ranked(page, site_server, "treat", fresh=False)
    assert "council/equality-diversity-and-inclusion-policy/5.0/edi-1.1/" in treat  # "fair treatment": treat + ment
    # a stem the handbook lacks is a word still being typed: any longer word
    assert "council/employee-code-of-conduct/3.1/ecc-5.2/" in _ranked(page, site_server, "hosp", fresh=False)  # hospitality


@pytest.mark.browser
def test_a_word_the_handbook_never_writes_ranks_first_what_shows_its_meaning(page: Page, site_server: str) -> None:
    # "tweeting": SOC-2.2 ("Employees must not post anything that:") has "social media" only in its heading,
    # SOC-3.1 in its text, which the result shows with the words marked: SOC-3.1 first.
    search(page, site_server, "tweeting")
    assert hrefs(page)[0] == f"{site_server}{COUNCIL}social-media-policy/1.2/soc-3.1/"
    assert page.eval_on_selector_all(".hb-search__result:first-child mark", "ms => ms.map(m => m.textContent)") == ["social", "media"]


@pytest.mark.browser
def test_a_page_named_by_the_query_comes_first(page: Page, site_server: str) -> None:
    search(page, site_server, "seven principles of public life")
    assert hrefs(page)[0] == f"{site_server}/nolan/"  # not a principle's page, which repeats the words in its text
    # "What changed: Social Media Policy" has both words, but they are half its title: clauses first
    search(page, site_server, "social media")
    assert "/changes/" not in hrefs(page)[0] and COUNCIL in hrefs(page)[0]


@pytest.mark.browser
def test_a_page_named_by_its_title_and_the_part_it_is_in_comes_first(page: Page, site_server: str) -> None:
    # "Honesty" under "Nolan principles": the principle's page, not the induction module that lists all seven
    # ("The Nolan principles", which has no "honesty" in its name), nor a clause about honesty
    search(page, site_server, "honesty nolan principle")
    assert hrefs(page)[0] == f"{site_server}/nolan/honesty/"
    # the title of the page above names the part too ("The Seven Principles of Public Life")
    search(page, site_server, "objectivity seven principles")
    assert hrefs(page)[0] == f"{site_server}/nolan/objectivity/"
    # every word typed in the part's name but none of the page's own title: not named ("public life" is
    # in the section name of every principle's page)
    ranked = list(_ranked(page, site_server, "seven principles of public life"))
    assert ranked[0] == "nolan/"


def _ranked(page: Page, base: str, query: str, *, fresh: bool = True) -> dict[str, float]:
    """Every result's address → its score, for a query ranked in the page."""
    return dict(
        page_eval(
            page,
            base,
            f"""handbookSearch.load('meta').then(meta => handbookSearch.rank({json.dumps(query)}, {{}}).then(r =>
                 Promise.all(r.map(([d, s]) => handbookSearch.load('d/' + Math.floor(d / meta.chunk))
                   .then(c => [c[d % meta.chunk][0], s])))))""",
            fresh=fresh,
        )
    )


# ---------------------------------------------------------------------------
# Roman-numbered items (ECC-4.2.ii), which council policy PDFs with (i), (ii) lists now give.

ROMAN_TEXT = "see ECC-4.2.ii, ECC-4.2.iv and GIF-2.2.a; ECC-4.2.ivy is not one"
ROMAN_WORDS = ["see", "ecc-4.2.ii", "ecc-4.2.iv", "and", "gif-2.2.a", "ecc-4.2", "ivy", "is", "not", "one"]


def test_a_roman_numbered_item_is_one_clause_id() -> None:
    assert search_text.words(ROMAN_TEXT) == ROMAN_WORDS
    assert search_index._ITEM.sub("", "ECC-4.2.ii") == "ECC-4.2"  # its lead-in is indexed with it, as a lettered item's


@pytest.mark.browser
def test_a_roman_numbered_item_is_read_alike_in_the_browser(page: Page, site_server: str) -> None:
    found = page_eval(
        page, site_server,
        f"handbookSearch.load('meta').then(m => [handbookSearch.words({json.dumps(ROMAN_TEXT)}),"
        " ['ECC 4.2(ii)', 'ecc-4.2.ii', 'ecc4.2 iv', 'employee code of conduct 4.2 (iii)'].map(q => handbookSearch.parse(q, m).terms)])",
    )
    assert found[0] == ROMAN_WORDS
    assert found[1][:3] == [["ecc-4.2.ii"], ["ecc-4.2.ii"], ["ecc-4.2.iv"]]


# ---------------------------------------------------------------------------
# The code's subject: "housing officer", "staff member" say who, not what.


def test_the_words_for_the_codes_subject_are_read_as_terms(sample_site: Path) -> None:
    found = search_text.subject()
    assert ["offic"] in found and ["hous", "offic"] in found and ["staff", "member"] in found
    assert ["member", "staff"] in found  # "member of staff": the stop word dropped
    assert _meta(sample_site)["subject"] == found


def test_a_subject_entry_that_is_no_word_stops_with_the_file_named(synonyms_file: Path) -> None:
    synonyms_file.write_text("everyday: []\nsubject:\n  - officer\n  - {say: staff}\n", encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        search_text.subject()
    assert "search_synonyms.yml" in str(caught.value) and "'subject:' entry 2 needs a word or phrase" in str(caught.value)


@pytest.mark.browser
def test_the_codes_subject_is_not_searched_for_beside_what_happened(page: Page, site_server: str) -> None:
    terms = page_eval(
        page,
        site_server,
        """handbookSearch.load('meta').then(m => ['my housing officer shouted at me', 'member of staff was rude', 'the staff member was rude',
             'investigating officer', 'data protection officer', 'housing officer', 'staff'].map(q => handbookSearch.parse(q, m).terms))""",
    )
    assert terms == [
        ["shout"],  # who did it left out: what was done is searched for
        ["rude"],
        ["rude"],  # "staff member" left out whole, not "staff" alone
        ["investig", "offic"],  # a role: "officer" after another word is part of its name
        ["data", "protect", "offic"],
        ["hous", "offic"],  # nothing else typed: the words are searched for
        ["staff"],
    ]
    # "housing officer" once put clauses that name officers and housing services (EDI-3.2) first
    search(page, site_server, "my housing officer shouted at me")
    assert hrefs(page)[0] == f"{site_server}{COUNCIL}disciplinary-procedure/4.0/dis-5.1.d/"
    # a page named by every word typed, the subject's among them, is still what was asked for
    search(page, site_server, "what tenants can expect from housing staff")
    assert hrefs(page)[0] == f"{site_server}/tenants/"


# ---------------------------------------------------------------------------
# A word with two senses: "on the phone" is a call, "lost my phone" the device.


def test_a_meaning_ruled_out_by_the_words_before_is_read_with_them(synonyms_file: Path) -> None:
    synonyms_file.write_text(
        "everyday:\n  - {say: [phone, phones], means: [devices], unless_after: [on the, by]}\n  - {say: [mobile], means: [devices]}\n",
        encoding="utf-8",
    )
    assert search_text.other_senses() == {  # "phones" is read as "phone": one key
        "phone": [{"after": [["on", "the"], ["by"]], "means": [["devic"]]}],
    }
    synonyms_file.write_text("everyday:\n  - {say: [phone], means: [devices], unless_after: on the}\n", encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        search_text.other_senses()
    assert "search_synonyms.yml" in str(caught.value) and "entry 1's 'unless_after:' needs a list of words" in str(caught.value)


@pytest.mark.browser
def test_the_words_before_a_word_can_rule_out_a_meaning(page: Page, site_server: str) -> None:
    alts = page_eval(
        page,
        site_server,
        """handbookSearch.load('meta').then(m => ['shouted at me on the phone', 'rang me by phone', 'lost my work phone']
             .map(q => handbookSearch.parse(q, m).alts['phone'] || null))""",
    )
    assert alts[:2] == [None, None]  # a call: no meaning of the device
    assert ["devic"] in alts[2] and ["equip"] in alts[2]
    # the call, not council equipment (ECC-4.2) came first once
    search(page, site_server, "my housing officer shouted at me on the phone")
    assert hrefs(page)[0] == f"{site_server}{COUNCIL}disciplinary-procedure/4.0/dis-5.1.d/"
