"""Digest selection and composition over a real database: hierarchy, grouping, collapsing, splitting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from digest_seed import SectionSeed, add_article

from nashra.config import Config
from nashra.digest import preview
from nashra.sandbox import parsed_text
from nashra.storage import Database
from nashra.storage.db import to_db_time
from nashra.telegram_limits import utf16_units

NOW = datetime.now(UTC)


def _ago(minutes: int) -> str:
    return to_db_time(NOW - timedelta(minutes=minutes))


async def _seed(db: Database) -> None:
    await add_article(
        db,
        title="درعا",
        source="عنب بلدي",
        url="https://a.example/1",
        published_at=_ago(60),
        ingested_at=_ago(50),
        sections=[
            SectionSeed(
                "x", ["SY", "SY-DR"], summary="اشتباكات عنيفة في ريف درعا الغربي بين قوات الحكومة والمعارضة"
            )
        ],
    )
    await add_article(
        db,
        title="درعا",
        source="السوري",
        url="https://b.example/2",
        published_at=_ago(40),
        ingested_at=_ago(30),
        sections=[
            SectionSeed(
                "y",
                ["SY", "SY-DR"],
                summary="اشتباكات عنيفة في ريف درعا الغربي بين قوات الحكومة والمعارضة المسلحة",
            )
        ],
    )
    await add_article(
        db, title="دمشق", source="سانا", url="https://c.example/3?a=1&b=2", published_at=_ago(20),
        ingested_at=_ago(10),
        sections=[SectionSeed("z", ["SY"], summary="ارتفاع أسعار الخبز <في> دمشق & ريفها")],
    )  # fmt: skip


async def test_country_subscriber_gets_subdivision_story_once_with_both_sources(db: Database) -> None:
    await _seed(db)
    parts = await preview(db, Config(), ["SY"])
    assert len(parts) == 1
    shown = parsed_text(parts[0], "HTML")
    assert shown.count("ريف درعا") == 1
    assert "عنب بلدي" in shown and "السوري" in shown
    assert shown.index("الخبز") < shown.index("ريف درعا"), "most recent first"
    assert "&amp;b=2" in parts[0] and "&lt;في&gt;" in parts[0]


async def test_subdivision_subscriber_does_not_get_country_only_sections(db: Database) -> None:
    await _seed(db)
    shown = parsed_text((await preview(db, Config(), ["SY-DR"]))[0], "HTML")
    assert "ريف درعا" in shown and "الخبز" not in shown and "درعا، سوريا" in shown


async def test_english_subscriber_gets_english_headers(db: Database) -> None:
    await _seed(db)
    shown = parsed_text((await preview(db, Config(), ["SY"], lang="en"))[0], "HTML")
    assert "Nashra digest" in shown and "Syria" in shown


async def test_long_digest_splits_at_item_boundaries_under_the_limit(db: Database) -> None:
    for n in range(40):
        summary = f"الخبر رقم {n} " + " ".join(f"كلمة{n}x{k}" for k in range(60))
        await add_article(
            db, title=f"t{n}", source=f"مصدر {n}", url=f"https://x.example/{n}", published_at=_ago(n + 1),
            ingested_at=_ago(n + 1), sections=[SectionSeed(f"s{n}", ["LB"], summary=summary)],
        )  # fmt: skip
    config = Config()
    config.delivery.max_items_per_digest = 40
    parts = await preview(db, config, ["LB"])
    assert len(parts) > 1
    shown = [parsed_text(p, "HTML") for p in parts]
    assert all(utf16_units(s) <= 4096 for s in shown)
    assert sum(s.count("الخبر رقم") for s in shown) == 40


async def test_section_without_summary_gets_an_extractive_one(db: Database) -> None:
    text = (
        "أعلنت بلدية بيروت عن خطة جديدة لتنظيم السير في وسط المدينة خلال الأسبوع المقبل. "
        "وتشمل الخطة طرقا بديلة."
    )
    await add_article(
        db, title="بيروت", source="النهار", url=None, published_at=_ago(5), ingested_at=_ago(5),
        sections=[SectionSeed(text, ["LB", "LB-BA"])],
    )  # fmt: skip
    shown = parsed_text((await preview(db, Config(), ["LB"]))[0], "HTML")
    assert "بلدية بيروت" in shown and "النهار" in shown


async def test_a_story_of_several_followed_countries_is_shown_under_the_one_whose_places_it_names(
    db: Database,
) -> None:
    # An Aleppo story that names Lebanon in passing (tagged SY, SY-HL, LB) is Syria's, not Lebanon's
    # because «LB» sorts first.
    await add_article(
        db, title="حلب", source="عنب بلدي", url="https://a.example/aleppo", published_at=_ago(30),
        ingested_at=_ago(20),
        sections=[SectionSeed("x", ["SY", "SY-HL", "LB"], summary="قصف على أحياء حلب ونازحون نحو لبنان")],
    )  # fmt: skip
    await add_article(
        db, title="بيروت", source="النهار", url="https://b.example/beirut", published_at=_ago(50),
        ingested_at=_ago(40),
        sections=[SectionSeed("y", ["LB", "LB-BA"], summary="بلدية بيروت تعلن خطة جديدة للسير")],
    )  # fmt: skip

    shown = parsed_text((await preview(db, Config(), ["SY", "LB"]))[0], "HTML")

    blocks = {block.split("\n", 1)[0]: block for block in shown.split("📍")[1:]}
    syria = next(block for head, block in blocks.items() if "سوريا" in head)
    lebanon = next(block for head, block in blocks.items() if "لبنان" in head)
    assert "أحياء حلب" in syria and "أحياء حلب" not in lebanon
    assert "بلدية بيروت" in lebanon


async def test_a_story_of_one_country_naming_anothers_city_in_passing_stays_under_its_country(
    db: Database,
) -> None:
    # Specificity decides within one country only: an Aleppo and Damascus story naming Beirut in passing
    # is Syria's for a chat of Syria and Beirut.
    await add_article(
        db, title="حلب", source="عنب بلدي", url="https://a.example/aleppo", published_at=_ago(30),
        ingested_at=_ago(20),
        sections=[SectionSeed("x", ["SY", "SY-HL", "SY-DI", "LB", "LB-BA"],
                              summary="قصف على أحياء حلب ودمشق ونازحون نحو بيروت")],
    )  # fmt: skip

    shown = "\n".join(parsed_text(m, "HTML") for m in await preview(db, Config(), ["SY", "LB-BA"]))

    blocks = {block.split("\n", 1)[0]: block for block in shown.split("📍")[1:]}
    assert any("سوريا" in head and "أحياء حلب" in block for head, block in blocks.items())


async def test_a_story_of_a_followed_governorate_stays_under_it_beside_its_country(db: Database) -> None:
    await add_article(
        db, title="درعا", source="عنب بلدي", url="https://a.example/daraa", published_at=_ago(30),
        ingested_at=_ago(20),
        sections=[SectionSeed("x", ["SY", "SY-DR"], summary="اشتباكات في ريف درعا الغربي")],
    )  # fmt: skip

    shown = parsed_text((await preview(db, Config(), ["SY", "SY-DR"]))[0], "HTML")

    blocks = {block.split("\n", 1)[0]: block for block in shown.split("📍")[1:]}
    assert any("درعا" in head and "ريف درعا" in block for head, block in blocks.items())
