"""What a subscribe message means: exact names first, qualified names as one place, shared names asked.

Also the cost of reading a message: counted in operations (set probes, fuzzy look-ups, names compared),
never in wall time, so these tests hold on a loaded machine; ``benchmarks/lookup.py`` prints the times.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nashra.regions.lookup import FUZZY_COMPARED, FUZZY_QUERIES, MAX_WORDS, read_regions
from subscriptions.service import TimeError, parse_regions, parse_time

# Ordinary Arabic words, none of them a place: the kind of sentence that used to freeze the bot.
SENTENCE_19 = (
    "أريد أن أعرف كل الأخبار المهمة التي تحدث هذه الأيام في المنطقة لأنني أتابع الأحداث باهتمام كبير جدا"
)


def test_qualified_name_in_arabic_is_one_place() -> None:
    parsed = parse_regions("طرابلس لبنان")
    assert (parsed.codes, parsed.unknown) == (["LB-AS"], [])


def test_historical_qualifier_picks_the_levant_tripoli_and_suggests_nothing() -> None:
    parsed = parse_regions("طرابلس الشام")
    assert (parsed.codes, parsed.unknown, parsed.suggestions) == (["LB-AS"], [], {})


@pytest.mark.parametrize(
    "text", ["Tripoli, Lebanon", "Tripoli (Lebanon)", "Tripoli in Lebanon", "طرابلس اللبنانية"]
)
def test_qualified_name_in_any_form(text: str) -> None:
    assert parse_regions(text).codes == ["LB-AS"]


def test_name_of_the_libyan_tripoli_is_libya_only() -> None:
    parsed = parse_regions("طرابلس الغرب")
    assert (parsed.codes, parsed.unknown) == (["LY-TB"], [])


def test_city_followed_by_its_country_is_the_city() -> None:
    assert parse_regions("حلب سوريا").codes == ["SY-HL"]


def test_unambiguous_names_separated_by_a_comma_stay_a_list() -> None:
    assert parse_regions("درعا، سوريا").codes == ["SY-DR", "SY"]


def test_two_unrelated_names_without_a_comma_are_two_places() -> None:
    assert parse_regions("درعا حلب").codes == ["SY-DR", "SY-HL"]


@pytest.mark.parametrize(
    ("text", "choices"),
    [("طرابلس", {"LY-TB", "LB-AS"}), ("عمان", {"OM", "JO-AM"}), ("Tripoli", {"LY-TB", "LB-AS"})],
)
def test_bare_shared_name_is_a_choice_not_a_guess(text: str, choices: set[str]) -> None:
    parsed = parse_regions(text)
    assert parsed.codes == []
    assert parsed.ambiguous == [text] and set(parsed.suggestions[text]) == choices


def test_choice_remembers_the_place_for_its_button() -> None:
    parsed = parse_regions("طرابلس")
    assert parsed.places["LB-AS"] == "طرابلس"


def test_a_town_does_not_make_a_city_ambiguous() -> None:
    parsed = parse_regions("صيدا")  # Sidon; a town of Daraa shares the name
    assert (parsed.codes, parsed.unknown) == (["LB-JA"], [])


def test_a_shared_name_in_a_list_of_countries_is_the_country() -> None:
    parsed = parse_regions("سوريا، عمان، لبنان")
    assert (parsed.codes, parsed.ambiguous) == (["SY", "OM", "LB"], [])


def test_a_country_after_a_shared_name_inside_a_longer_list_is_its_own_item() -> None:
    parsed = parse_regions("سوريا، عمان، الأردن")
    assert (parsed.codes, parsed.ambiguous) == (["SY", "OM", "JO"], [])


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("درعا، القنيطرة، حمص", ["SY-DR", "SY-QU", "SY-HI"]),
        ("فاس، القنيطرة", ["MA-03", "MA-04"]),
        ("إربد، عمان، الزرقاء", ["JO-IR", "JO-AM", "JO-AZ"]),
    ],
)
def test_a_shared_name_among_one_countrys_places_is_that_countrys(text: str, codes: list[str]) -> None:
    parsed = parse_regions(text)
    assert (parsed.codes, parsed.ambiguous) == (codes, [])


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("عمان والأردن", ["OM", "JO"]),
        ("عمان و الأردن", ["OM", "JO"]),
        ("طرابلس ولبنان", ["LB-AS", "LB"]),
        ("Tripoli and Lebanon", ["LB-AS", "LB"]),
        ("صلالة وعمان", ["OM-ZU", "OM"]),
    ],
)
def test_a_country_joined_by_and_is_an_item_of_its_own_not_a_qualifier(text: str, codes: list[str]) -> None:
    parsed = parse_regions(text)
    assert (parsed.codes, parsed.ambiguous) == (codes, [])


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("لبنان، طرابلس", ["LB", "LB-AS"]),
        ("ليبيا وطرابلس", ["LY", "LY-TB"]),
        ("سوريا، القنيطرة", ["SY", "SY-QU"]),
    ],
)
def test_a_shared_name_listed_with_one_country_is_that_countrys_place(text: str, codes: list[str]) -> None:
    parsed = parse_regions(text)
    assert (parsed.codes, parsed.ambiguous) == (codes, [])


@pytest.mark.parametrize(
    ("text", "codes"), [("صور، طرابلس", ["LB-JA", "LB-AS"]), ("صور وطرابلس", ["LB-JA", "LB-AS"])]
)
def test_shared_names_with_places_in_only_one_common_country_are_that_countrys(
    text: str, codes: list[str]
) -> None:
    parsed = parse_regions(text)
    assert (parsed.codes, parsed.ambiguous) == (codes, [])


def test_shared_names_with_no_common_country_are_all_asked() -> None:
    assert parse_regions("طرابلس، عمان").ambiguous == ["طرابلس", "عمان"]


@pytest.mark.parametrize(("text", "term"), [("حلب وطرابلس", "طرابلس"), ("وبعمان", "عمان"), ("وَعمان", "عمان")])
def test_a_shared_name_is_asked_about_without_the_proclitics_typed_on_it(text: str, term: str) -> None:
    assert parse_regions(text).ambiguous == [term]


def test_the_place_a_region_was_named_by_is_quoted_without_its_conjunction() -> None:
    assert parse_regions("والميادين").via == {"SY-DY": "الميادين"}


@pytest.mark.parametrize("text", ["درعا، عمان", "طرابلس، درعا", "القنيطرة، عمان"])
def test_a_shared_name_the_list_does_not_settle_is_still_asked(text: str) -> None:
    assert parse_regions(text).ambiguous


def test_qualifier_narrows_a_shared_name_among_several_countries() -> None:
    assert parse_regions("الطيبة الأردن").codes == ["JO-IR"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("بدرعا", ["SY-DR"]),
        ("بدرعا وبحلب", ["SY-DR", "SY-HL"]),
        ("لحمص، للرقة", ["SY-HI", "SY-RA"]),
        ("في محافظة درعا", ["SY-DR"]),
        ("بمحافظة درعا", ["SY-DR"]),
        ("بمدينة حلب", ["SY-HL"]),
        ("لأخبار حلب", ["SY-HL"]),
        ("درعا وريفها", ["SY-DR"]),
        ("Aleppo and its countryside", ["SY-HL"]),
        ("كل سوريا", ["SY"]),
        ("سوريا كلها", ["SY"]),
        ("جميع المحافظات السورية", ["SY"]),
        ("all of Syria", ["SY"]),
    ],
)
def test_proclitics_and_place_words_are_read_through(text: str, codes: list[str]) -> None:
    parsed = parse_regions(text)
    assert (parsed.codes, parsed.unknown) == (codes, [])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("بأم درمان", "SD-KH"),
        ("وأم درمان", "SD-KH"),
        ("وبأم درمان", "SD-KH"),
        ("لأم قصر", "IQ-BA"),
        ("وإب", "YE-IB"),
    ],
)
def test_proclitics_before_a_two_letter_first_word_are_read_through(text: str, code: str) -> None:
    parsed = parse_regions(text)
    assert (parsed.codes, parsed.unknown) == ([code], [])


@pytest.mark.parametrize("text", ["درعا أو حلب", "درعا او حلب", "Daraa or Aleppo", "Daraa OR Aleppo"])
def test_or_joins_a_list_like_and(text: str) -> None:
    parsed = parse_regions(text)
    assert (parsed.codes, parsed.unknown) == (["SY-DR", "SY-HL"], [])


@pytest.mark.parametrize("text", ["Darʿa", "Darʾa", "Darʻa", "Dar’a"])
def test_transliteration_apostrophes_are_read_as_the_plain_name(text: str) -> None:
    assert parse_regions(text).codes == ["SY-DR"]


@pytest.mark.parametrize("text", ["دھوک", "دہوک"])
def test_urdu_and_persian_heh_are_read_as_arabic_heh(text: str) -> None:
    assert parse_regions(text).codes == ["IQ-DA"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [("🇸🇾", ["SY"]), ("🇱🇧 🇸🇾", ["LB", "SY"]), ("🇱🇧🇸🇾", ["LB", "SY"]), ("طرابلس 🇱🇧", ["LB-AS"])],
)
def test_flag_emoji_name_their_country(text: str, codes: list[str]) -> None:
    parsed = parse_regions(text)
    assert (parsed.codes, parsed.unknown) == (codes, [])


def test_an_everyday_word_after_an_unknown_word_is_its_adjective_not_a_place() -> None:
    # («الضفة الغربية» was this case until the gazetteer knew the West Bank.)
    parsed = parse_regions("الحديقة الغربية")
    assert (parsed.codes, parsed.unknown) == ([], ["الحديقة الغربية"])


@pytest.mark.parametrize(
    ("text", "country"), [("شمال سوريا", "SY"), ("الجزيرة السورية", "SY"), ("الشمال السوري", "SY")]
)
def test_a_direction_before_another_country_offers_that_country(text: str, country: str) -> None:
    parsed = parse_regions(text)
    assert (parsed.codes, parsed.unknown, parsed.suggestions[text]) == ([], [text], [country])


def test_an_everyday_word_that_is_a_region_of_the_country_after_it_is_that_region() -> None:
    assert parse_regions("الشرقية السعودية").codes == ["SA-04"]


def test_typo_is_unknown_with_its_suggestion() -> None:
    parsed = parse_regions("دراعا، حلب")
    assert parsed.codes == ["SY-HL"]
    assert parsed.unknown == ["دراعا"] and parsed.suggestions["دراعا"][0] == "SY-DR"


def test_lower_case_two_letter_word_is_not_a_country_code_inside_a_sentence() -> None:
    assert parse_regions("Daraa in Syria").codes == ["SY-DR"]  # not India
    assert parse_regions("DARAA IN SYRIA").codes == ["SY-DR"]
    assert parse_regions("SY-DR, LB").codes == ["SY-DR", "LB"]


# -- bounded work ----------------------------------------------------------------------------------------


def test_a_sentence_of_ordinary_words_costs_a_few_probes_per_word() -> None:
    reading = read_regions(SENTENCE_19)
    words = len(SENTENCE_19.split())
    assert reading.work.probes <= 12 * words
    assert reading.work.fuzzy_queries <= FUZZY_QUERIES


def test_a_sentence_of_ordinary_words_is_not_taken_as_a_list() -> None:
    parsed = parse_regions(SENTENCE_19)
    assert parsed.problem == "not_a_list" and parsed.codes == []


def test_prose_gets_no_fuzzy_pass() -> None:
    reading = read_regions(SENTENCE_19)
    assert reading.prose and reading.work.fuzzy_queries == 0


def test_a_list_of_many_typos_is_still_a_list() -> None:
    parsed = parse_regions("دراعا، دمشك، حلبب، حمصص، ادلبب، الرقهه، طرطوسس، حماهه، درعاا، اللاذقيهه")
    assert parsed.problem is None
    assert len(parsed.unknown) == 10 and parsed.suggestions["دراعا"][0] == "SY-DR"


def _longest_allowed_messages(shared_dir: Path) -> list[str]:
    """Real news text cut to the most words a message naming regions may have: as written (prose), and
    with a comma after every word (a "list" of unknown words, the most the fuzzy pass is asked to do)."""
    rows = [json.loads(line) for line in (shared_dir / "real" / "xlsum_ar_165.jsonl").open(encoding="utf-8")]
    words = [row["text"].split()[:MAX_WORDS] for row in rows[:20]]
    return [" ".join(w) for w in words] + ["، ".join(w) for w in words]


def test_longest_allowed_message_has_bounded_work(shared_dir: Path) -> None:
    for message in _longest_allowed_messages(shared_dir):
        work = read_regions(message).work
        assert work.probes <= 40 * MAX_WORDS
        assert work.fuzzy_queries <= FUZZY_QUERIES
        assert work.fuzzy_compared <= FUZZY_COMPARED


def test_message_over_the_word_limit_is_refused_before_any_lookup() -> None:
    reading = read_regions("درعا " * (MAX_WORDS + 1))
    assert reading.overflow and reading.found == [] and reading.work.probes == 0
    assert parse_regions("درعا " * (MAX_WORDS + 1)).problem == "too_long"


def test_many_typos_spend_the_fuzzy_budget_once() -> None:
    typos = "، ".join(["دراعا", "دمشك", "حلبب", "حمصص", "ادلبب", "الرقهه"] * 10)
    reading = read_regions(typos)
    assert reading.work.fuzzy_queries <= FUZZY_QUERIES and reading.work.fuzzy_compared <= FUZZY_COMPARED
    assert reading.unknown[0].suggestions[0].code == "SY-DR"


def test_a_name_covering_several_subdivisions_subscribes_to_them_all() -> None:
    parsed = parse_regions("دارفور")
    assert parsed.codes == ["SD-DC", "SD-DE", "SD-DN", "SD-DS", "SD-DW"]
    assert not parsed.unknown


def test_markup_around_a_name_is_no_unknown_name() -> None:
    parsed = parse_regions("<b>حمص</b>")

    assert (parsed.codes, parsed.unknown) == (["SY-HI"], [])


@pytest.mark.parametrize(
    ("place", "country"), [("روسيا", "RU"), ("Russia", "RU"), ("الولايات المتحدة", "US")]
)
def test_a_country_with_several_time_zones_is_refused_as_such(place: str, country: str) -> None:
    with pytest.raises(TimeError) as refused:
        parse_time(f"8 pm {place}", "UTC")

    assert (refused.value.kind, refused.value.country) == ("zones", country)


def test_a_place_that_is_no_region_is_an_unknown_zone() -> None:
    with pytest.raises(TimeError) as refused:
        parse_time("8 pm Mars", "UTC")

    assert refused.value.kind == "timezone"


@pytest.mark.parametrize(
    ("place", "zone"),
    [("موسكو", "Europe/Moscow"), ("نيويورك", "America/New_York"), ("لوس أنجلوس", "America/Los_Angeles")],
)
def test_a_city_written_in_arabic_names_its_zone_in_a_country_with_several(place: str, zone: str) -> None:
    assert parse_time(f"8 مساءً {place}", "UTC")[:2] == ("20:00", zone)


def test_a_region_named_after_a_zone_of_its_country_names_that_zone() -> None:
    assert parse_time("8 مساءً الخليل", "UTC")[:2] == ("20:00", "Asia/Hebron")
