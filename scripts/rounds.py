"""Draw and write Nashra's blind labelling rounds: one command per job, each round a row of ``ROUNDS``.

A round is a fresh sample of real articles that an editor labels, from the crawled text alone and before
Nashra's own cut or tags are looked at, so the quality benchmarks (benchmarks/sections_quality.py,
benchmarks/regions_quality.py) score the analysis on text it was never tuned on. A round's editor's
labels are data, tests/data/rounds/NAME.json; ``build`` turns them into the label files the tests and
benchmarks read, next to them in tests/data.

    python scripts/rounds.py list
    python scripts/rounds.py sample heldout8 > ids.txt 2> articles.txt
    python scripts/rounds.py build heldout8
    python scripts/rounds.py build all

``sample`` prints the drawn ``DATE.zip#INDEX`` refs (SaudiNewsNet) or row numbers (XL-Sum), one per line,
and the articles, laid out for the editor, to stderr. Every draw leaves out what is already labelled, so a
round's sample is reproducible only until its labels are committed; from then on the same command draws
a fresh one. ``--real`` names the shared real data (default: ../shared/real beside the repository).
Adding a round is scripts/README.md's "Adding a round".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import heldout_build
import heldout_sample
import xlsum_round

from nashra.articles.evaluation import saudinewsnet_layout

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
LABELS = DATA / "rounds"
REAL = ROOT.parent / "shared" / "real"


def _articles(name: str) -> list[dict]:
    """The editor's labels of a round, one dict per article (tests/data/rounds/NAME.json)."""
    path = LABELS / f"{name}.json"
    if not path.is_file():
        raise SystemExit(f"{name}: no labels yet ({path.relative_to(ROOT)})")
    return json.loads(path.read_text(encoding="utf-8"))["articles"]


@dataclass(frozen=True)
class SaudiNewsNetRound:
    """A blind SaudiNewsNet round, labelled for sections and regions (scripts/heldout_sample.py draws it,
    scripts/heldout_build.py writes it): ``size`` records, ``per_outlet`` per outlet, an outlet's second
    pick drawn among the records whose title and opening lines match ``kinds`` where one is given."""

    number: int
    seed: int
    about: str
    size: int = 30
    per_outlet: int = 2
    kinds: str | None = None

    @property
    def name(self) -> str:
        """``heldoutN``: the labels file's and the label files' name."""
        return f"heldout{self.number}"

    def outputs(self) -> list[Path]:
        """The label files ``build`` writes: section labels (split ``blindN``) and region items."""
        return [DATA / "sections" / f"labels_{self.name}.jsonl", DATA / f"real_{self.name}_sections.jsonl"]

    def sample(self, real: Path) -> None:
        """Print the drawn ``DATE.zip#INDEX`` refs, then the articles in Nashra's text layout to stderr."""
        kinds = re.compile(self.kinds) if self.kinds else None
        drawn = heldout_sample.draw(real, self.seed, total=self.size, per_outlet=self.per_outlet, kinds=kinds)
        for ref, record in drawn:
            print(ref)
            print(f"===== {ref} [{record['source']}]\n{saudinewsnet_layout(record)}", file=sys.stderr)

    def build(self, real: Path) -> None:
        """Write the label files from the editor's labels; SystemExit when the labels and text disagree."""
        n = str(self.number)
        heldout_build.build(real, _articles(self.name), split=f"blind{n}", prefix=f"h{n}", number=n)


@dataclass(frozen=True)
class XlsumRound:
    """A blind BBC Arabic (XL-Sum) round, labelled for regions (scripts/xlsum_round.py): ``size`` rows not
    labelled by the ``earlier`` rounds, test files whose name matches ``later_files`` (written for this
    round or a later one) not read when leaving out copied fixtures."""

    name: str
    seed: int
    size: int
    about: str
    earlier: tuple[str, ...]
    later_files: str

    def outputs(self) -> list[Path]:
        """The label file ``build`` writes: one region item per article."""
        return [DATA / f"{self.name}.jsonl"]

    def draw(self, real: Path) -> list[int]:
        """The drawn row numbers, sorted (the build checks the labelled rows against them)."""
        taken = frozenset(entry["row"] for name in self.earlier for entry in _articles(name))
        return xlsum_round.draw(real, self.seed, self.size, taken, re.compile(self.later_files))

    def sample(self, real: Path) -> None:
        """Print the drawn row numbers, then each article's body to stderr."""
        data = xlsum_round.rows(real)
        drawn = self.draw(real)
        if len(drawn) < self.size:
            print(f"only {len(drawn)} rows left to draw from; all taken", file=sys.stderr)
        for n in drawn:
            print(n)
            print(f"=== xlsum#{n}\n{data[n]['text']}\n", file=sys.stderr)

    def build(self, real: Path) -> None:
        """Write the label file from the editor's labels; SystemExit when the labels and rows disagree."""
        xlsum_round.build(real, _articles(self.name), self.draw(real), self.outputs()[0])


ROUNDS: dict[str, SaudiNewsNetRound | XlsumRound] = {
    r.name: r
    for r in (
        SaudiNewsNetRound(
            3,
            seed=20261130,
            about="outlets spread, one hard layout (several short lines) per outlet",
        ),
        SaudiNewsNetRound(4, seed=20261204, about="the third round's draw with a new seed"),
        SaudiNewsNetRound(
            5,
            seed=20261205,
            about="kinds earlier rounds held few of: match results and tables, market and price reports, "
            "obituaries and condolences, opinion columns, interviews, official statements and lists",
            kinds=r"تعادل|فوز|يفوز|هزيمة|بهدف|أهداف|الدوري|النتائج|ترتيب"
            r"|مؤشر|الأسهم|الأسعار|برميل|نقطة|تداول|البورصة"
            r"|وفاة|رحمه الله|عزاء|نعي|ينعى|تشييع"
            r"|حوار|س:|سؤال|يسألونك"
            r"|بيان|تصريح|أعلنت وزارة"
            r"|أبرز|قائمة|أولاً|أولا:|1-|1\.",
        ),
        SaudiNewsNetRound(
            6,
            seed=20261206,
            about="kinds earlier rounds held few of: weather and forecasts, court and crime reports, wire "
            "copy of the Saudi Press Agency (its dateline variants), sports round-ups of a match day, "
            "economy reports with figures, features with sub-headings or questions",
            kinds=r"الأرصاد|الطقس|أمطار|الحرارة|غبار|رياح"
            r"|المحكمة|القضاء|النيابة|حكم|القبض|ضبط|الشرطة|جريمة|السجن"
            r"|\(واس\)|- واس|ـ واس|واس -"
            r"|الجولة|الأسبوع|ملعب|المباراة"
            r"|مليار|الميزانية|الناتج|التضخم|الصادرات|الاستثمار"
            r"|\?|؟|أولاً|محاور",
        ),
        SaudiNewsNetRound(
            7,
            seed=20261207,
            about="a smaller round: one article per outlet, among its hard layouts, topped up at random "
            "(no kinds: with one per outlet the draw never reaches a second, kind-matched pick)",
            size=15,
            per_outlet=1,
        ),
        SaudiNewsNetRound(
            8,
            seed=20261208,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(interviews in question and answer form, lists and numbered points, obituaries and "
            "condolences, sports results, statements by ministries and their spokesmen), those with "
            "several short lines first, topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"(?m)حوار|س:|س/|س -|ج:|ج/"
            r"|أولاً|أولا:|ثانياً|^\s*1[-.)]|•"
            r"|انتقل إلى رحمة الله|توفي|وفاة|الفقيد|تغمده|المغفور له|العزاء"
            r"|بنتيجة|بهدفين|الشوط الأول|ركلات الترجيح|النتائج|المركز الأول"
            r"|صرح مصدر مسؤول|المتحدث الرسمي|المتحدث الأمني|بيان|أعلنت وزارة|أوضحت وزارة",
        ),
        SaudiNewsNetRound(
            9,
            seed=20261209,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(health and medical news, education and exam results, traffic and accidents, religious "
            "rulings and sermons, culture, arts and book fairs, real estate and housing, tourism and "
            "events, technology), those with several short lines first, topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"مستشفى|المستشفى|الصحة|طبي|مرض|فيروس|كورونا|لقاح|جراحة"
            r"|التعليم|الطلاب|الطالبات|الجامعة|المدارس|الاختبارات|نتائج القبول"
            r"|المرور|حادث|حوادث|تصادم|انقلاب|الدفاع المدني"
            r"|فتوى|الإفتاء|خطبة|خطيب|إمام وخطيب|المسجد الحرام"
            r"|معرض الكتاب|مهرجان|الثقافة|مسرح|رواية|الفن|الفنان|تشكيلي"
            r"|العقار|الإسكان|المساكن|الأراضي|الإيجار"
            r"|السياحة|سياحي|الفعاليات"
            r"|التقنية|تطبيق|الإنترنت|الهواتف الذكية|آيفون|تويتر",
        ),
        SaudiNewsNetRound(
            10,
            seed=20261210,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(economy and markets: the stock market, oil, prices and companies; weather and climate; "
            "courts; crime and security; municipal services and infrastructure; international politics "
            "and conflicts, foreign countries and their provinces; sports clubs and tournaments), those "
            "with several short lines first, topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"سوق الأسهم|الأسهم|المؤشر العام|تاسي|النفط|برميل|الأسعار|أرباح|الشركة"
            r"|الأرصاد|الطقس|أمطار|درجات الحرارة|المناخ|الغبار|السيول"
            r"|المحكمة|القاضي|النيابة|الدعوى|حكم ابتدائي"
            r"|القبض على|الشرطة|ضبط|الأمن|مخدرات|إرهاب"
            r"|الأمانة|البلدية|الطرق|الصرف الصحي|المياه|الكهرباء|مشروع"
            r"|الأمم المتحدة|مجلس الأمن|الحوثي|داعش|ولاية|إقليم|محافظة"
            r"|النادي|الدوري|البطولة|كأس|المنتخب|بطولة",
        ),
        SaudiNewsNetRound(
            11,
            seed=20261211,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(royal orders, decrees and appointments; Hajj and Umrah; Gulf and Arab summits and diplomacy; "
            "news from Egypt, Libya, Sudan, Syria, Lebanon and Jordan with their provinces; labour, "
            "recruitment and expatriate workers; agriculture, water and environment), those with several "
            "short lines first, topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"أمر ملكي|أوامر ملكية|مرسوم|قرار تعيين|تعيين|يعين|إعفاء"
            r"|الحج|الحجاج|العمرة|المعتمرين|المشاعر المقدسة|منى|عرفات"
            r"|القمة|مجلس التعاون|الجامعة العربية|وزير الخارجية|زيارة رسمية|مباحثات"
            r"|مصر|القاهرة|ليبيا|طرابلس|بنغازي|السودان|الخرطوم|دارفور|سوريا|دمشق|حلب|لبنان|بيروت|الأردن|عمّان"
            r"|العمالة|الاستقدام|العمال|الوافدين|المقيمين|وزارة العمل|التأشيرات|نطاقات"
            r"|الزراعة|المزارعين|النخيل|التمور|المياه الجوفية|البيئة|التصحر|الثروة السمكية",
        ),
        SaudiNewsNetRound(
            12,
            seed=20261212,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(local news of Saudi regions and governorates: Asir, Jazan, Najran, Al-Jouf, Tabuk, Hail, "
            "Qassim, the Eastern Province and their towns; charity and social affairs; family and society; "
            "consumer protection and commerce ministry notices; aviation and transport; media and press; "
            "science and space), those with several short lines first, topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"عسير|أبها|خميس مشيط|جازان|جيزان|نجران|الجوف|سكاكا|تبوك|حائل|القصيم|بريدة|عنيزة"
            r"|المنطقة الشرقية|الدمام|الأحساء|الخبر|القطيف|الجبيل|حفر الباطن|الباحة|الحدود الشمالية|عرعر"
            r"|جمعية خيرية|الجمعية الخيرية|الشؤون الاجتماعية|الأيتام|الأسر المحتاجة|الضمان الاجتماعي|التطوع"
            r"|الأسرة|الزواج|الطلاق|المرأة|الأطفال|المسنين"
            r"|حماية المستهلك|وزارة التجارة|الغش التجاري|المخالفات التجارية|سحب|التخفيضات"
            r"|الطيران|المطار|الخطوط السعودية|رحلات|الطائرة|النقل|القطار|الحافلات"
            r"|الإعلام|الصحافة|الصحفيين|الصحيفة|قناة|التلفزيون"
            r"|الفضاء|القمر|الكواكب|العلماء|دراسة علمية|الباحثين|مدينة الملك عبدالعزيز للعلوم",
        ),
        SaudiNewsNetRound(
            13,
            seed=20261213,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(Arab and international politics and war: Yemen, Syria, Iraq, Palestine, Iran and their "
            "cities, militias and foreign persons; police and security notices; education and universities; "
            "religious affairs, mosques and Ramadan; culture, books and poetry), those with several short "
            "lines first, topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"اليمن|صنعاء|عدن|تعز|العراق|بغداد|الموصل|الأنبار|فلسطين|غزة"
            r"|القدس|الضفة الغربية|إيران|طهران"
            r"|ميليشيا|الميليشيات|المليشيات|غارات|قصف|التحالف|المعارضة|الأسد|الحشد"
            r"|شرطة منطقة|الجهات الأمنية|المطلوبين|مطلوب|خلية|الإرهابي|الإرهابية"
            r"|وزارة التعليم|جامعة الملك|الطلبة|المعلمين|المعلمات|الابتعاث|المبتعثين|الفصل الدراسي"
            r"|الشؤون الإسلامية|الأوقاف|الدعوة|المصلين|صلاة|رمضان|الحرمين|الأمر بالمعروف"
            r"|الشعر|شاعر|قصيدة|ديوان|الأدب|الأدبي|أمسية|كتاب",
        ),
        SaudiNewsNetRound(
            14,
            seed=20261214,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(schools and universities: exam results, admissions, scholarships abroad; mosques, endowments "
            "and religious affairs; culture, heritage, books, poetry and festivals; housing and municipal "
            "services; labour and Saudization; tourism and entertainment), those with several short lines "
            "first, topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"الابتعاث|المبتعثين|الملحقية الثقافية|القبول|التسجيل|نتائج الاختبارات|المعلمين|المعلمات"
            r"|الجامعة|الجامعات|الطلاب|الطالبات|المدارس|العام الدراسي"
            r"|المساجد|الأوقاف|الشؤون الإسلامية|الدعوة|حلقات تحفيظ|القرآن الكريم|الأئمة"
            r"|التراث|الآثار|الموروث|المتحف|الشعر|الشاعر|ديوان|أمسية|الأدبي|مهرجان|سوق عكاظ|الجنادرية"
            r"|الإسكان|الوحدات السكنية|البلدية|الأمانة|الحدائق|الأرصفة|النظافة"
            r"|السعودة|التوطين|نطاقات|صندوق الموارد البشرية|حافز|البطالة|الباحثين عن عمل"
            r"|السياحة|هيئة السياحة|الترفيه|المنتجعات|الفنادق|الإجازة الصيفية|الرحلات السياحية",
        ),
        SaudiNewsNetRound(
            15,
            seed=20261215,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(non-Arab international affairs: the United States, Europe, Russia, China, India, Turkey, "
            "Africa and Latin America with foreign persons, cities and provinces; oil, energy and "
            "electricity; technology and telecoms; real estate and construction; traffic accidents and "
            "emergencies; women, family and society columns; obituaries and condolences), those with "
            "several short lines first, topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"الولايات المتحدة|واشنطن|أوباما|أوروبا|الاتحاد الأوروبي|بريطانيا|لندن|فرنسا|باريس|ألمانيا"
            r"|روسيا|موسكو|بوتين|الصين|بكين|الهند|نيودلهي|تركيا|أنقرة|إسطنبول|أردوغان"
            r"|أفريقيا|إفريقيا|نيجيريا|كينيا|البرازيل|المكسيك|الأرجنتين|فنزويلا"
            r"|أوبك|النفط الخام|الطاقة|الكهرباء|محطة توليد|أرامكو|الغاز"
            r"|الاتصالات|التقنية|الإنترنت|الهواتف الذكية|تطبيقات|البرمجيات|الحاسب"
            r"|العقار|العقارات|المقاولات|البناء|التشييد|المطورين العقاريين"
            r"|حادث مروري|حادث سير|تصادم|انقلاب مركبة|الهلال الأحمر|الدفاع المدني|حريق|غرق"
            r"|المرأة|الأسرة|الزوجة|الأبناء|المجتمع|العنوسة|الطلاق"
            r"|انتقل إلى رحمة الله|توفي|وفاة|الفقيد|تغمده|العزاء|عزاء",
        ),
        SaudiNewsNetRound(
            16,
            seed=20261216,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(sports clubs, foreign players and coaches, tournaments abroad; company results and the stock "
            "market; courts, crime and police statements; health, hospitals and epidemics; weather and "
            "rain; Hajj and Umrah; Gulf (GCC) politics; Arab-affairs opinion columns; long interviews in "
            "question and answer form), those with several short lines first, topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"(?m)المدرب|اللاعب|المحترف|معسكر|ودية|الهلال|النصر|الاتحاد|الأهلي|الشباب|برشلونة"
            r"|ريال مدريد|صافي الربح|الأرباح|الربع الثاني|تداول|المؤشر العام|القيمة السوقية"
            r"|المحكمة|القاضي|المتهم|الادعاء|المتحدث الأمني|الناطق الإعلامي لشرطة|القبض على"
            r"|كورونا|ميرس|الوباء|المستشفى|المرضى|وزارة الصحة|العدوى"
            r"|الأرصاد|الأمطار|أمطار|السيول|درجات الحرارة|الغبار"
            r"|الحج|الحجاج|العمرة|المعتمرين|المشاعر المقدسة"
            r"|مجلس التعاون|الخليجي|الخليجية|دول الخليج"
            r"|الأمة العربية|الربيع العربي|العالم العربي|الشأن العربي"
            r"|^\s*س\s*[:/-]|^\s*ج\s*[:/-]|حوار",
        ),
        SaudiNewsNetRound(
            17,
            seed=20261217,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(agriculture; water and electricity services; municipal services and roads; banking and "
            "loans; charity and volunteering; environment and wildlife; aviation and airports; Ramadan "
            "and Eid; military and border news; elections abroad), those with several short lines first, "
            "topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"المزارع|الزراعة|المحاصيل|القمح|الثروة الحيوانية|الأعلاف"
            r"|انقطاع المياه|انقطاع الكهرباء|شركة المياه الوطنية|الشركة السعودية للكهرباء|تحلية"
            r"|السفلتة|الطرق|الأرصفة|الإنارة|الحفريات|البلدية"
            r"|البنوك|المصارف|القروض|قرض|التمويل|مؤسسة النقد|بنك"
            r"|التطوع|المتطوعين|جمعية البر|التبرع|الجمعيات الخيرية"
            r"|البيئة|الحياة الفطرية|التلوث|المحميات|النفايات"
            r"|الطيران المدني|المطار|مطار|الرحلات الجوية|هيئة الطيران"
            r"|رمضان|الصيام|عيد الفطر|عيد الأضحى|العيد|الإفطار|التراويح"
            r"|الحدود|حرس الحدود|القوات المسلحة|الجيش|العسكري|المناورات|الشهيد"
            r"|الانتخابات|انتخابات|الاقتراع|مرشح|البرلمان|الناخبين",
        ),
        SaudiNewsNetRound(
            18,
            seed=20261218,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(long features and reportage with sub-headings; multi-country wire round-ups; press reviews "
            "quoting other papers; sports transfers with foreign clubs and players; oil and OPEC; war "
            "reports from Yemen, Syria and Iraq naming many places; Saudi regions' governors' tours), "
            "those with several short lines first, topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"وفي سياق|وفي تطور|وفي شأن آخر|وفي العراق|وفي سوريا|وفي اليمن|وفي ليبيا|وفي مصر"
            r"|الصحف|صحيفة|افتتاحيتها|تحت عنوان|الصحافة"
            r"|انتقال|صفقة|التعاقد|عقد اللاعب|الانتقالات|المحترف الأجنبي|نادي"
            r"|أوبك|برميل|أسعار النفط|خام برنت|الخام الأمريكي"
            r"|صنعاء|عدن|تعز|الحوثيين|حلب|دمشق|إدلب|حمص|الموصل|الأنبار|الفلوجة|داعش"
            r"|أمير المنطقة|جولة تفقدية|جولته|محافظ|زيارة تفقدية",
        ),
        SaudiNewsNetRound(
            19,
            seed=20261219,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(courts and crime; weather, rain and floods; stock market reports; Gulf summits; news from "
            "Africa and Asia; labour, visas and recruitment; obituaries; letters to the editor; opinion "
            "columns on foreign affairs), those with several short lines first, topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"المحكمة الجزائية|ديوان المظالم|هيئة التحقيق والادعاء|المدعى عليه|صك الحكم|جلد"
            r"|السيول|الأمطار الغزيرة|الأودية|التقلبات الجوية|الرئاسة العامة للأرصاد"
            r"|إغلاق السوق|مؤشر السوق|الأسهم المتداولة|قطاع البتروكيماويات|قطاع المصارف"
            r"|القمة الخليجية|قادة دول المجلس|الأمانة العامة لمجلس التعاون"
            r"|الصومال|إثيوبيا|إريتريا|مالي|تشاد|باكستان|أفغانستان|بنغلاديش|إندونيسيا|ماليزيا|الفلبين|ميانمار"
            r"|تأشيرة|التأشيرات|الاستقدام|مكاتب الاستقدام|العمالة المنزلية|نقل الكفالة"
            r"|انتقل إلى رحمة الله|الفقيد|تغمده الله|ووري جثمانه"
            r"|رسالة إلى|بريد القراء|رأي القارئ|عزيزي رئيس التحرير"
            r"|السياسة الخارجية|البيت الأبيض|الكرملين|الإدارة الأمريكية",
        ),
        SaudiNewsNetRound(
            20,
            seed=20261220,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(news from the Maghreb, Sudan, Lebanon and Jordan with their cities; war reports placing "
            "events relative to a town, north of it or kilometres from it; refugees and migrants; "
            "European football leagues and their clubs; cinema, television drama and actors; cars and "
            "motoring), those with several short lines first, topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"المغرب|الرباط|الدار البيضاء|الجزائر|تونس|ليبيا|بنغازي|موريتانيا|نواكشوط|السودان|الخرطوم"
            r"|لبنان|بيروت|الأردن|عمّان|الزرقاء|إربد"
            r"|كم شمال|كم جنوب|كم شرق|كم غرب|على بعد|بالقرب من|قرب مدينة|شمال غرب|جنوب شرق"
            r"|اللاجئين|اللاجئون|المهاجرين|النازحين|مخيم|مخيمات"
            r"|الدوري الإيطالي|الدوري الإسباني|الدوري الفرنسي|الدوري الإنجليزي|الدوري الألماني"
            r"|يوفنتوس|ميلان|نابولي|مرسيليا|مونبلييه|أتالانتا|تشيلسي|ليفربول|أرسنال|بايرن"
            r"|مسلسل|المسلسل|فيلم|الفيلم|السينما|الدراما|الممثل|الممثلة|النجمة"
            r"|السيارات|صناعة السيارات|طراز|معرض السيارات",
        ),
        SaudiNewsNetRound(
            21,
            seed=20261221,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(universities, schools and scholarships abroad; tourism, heritage sites and festivals; "
            "housing and real estate; technology, the internet and cybercrime; news from Saudi "
            "governorates, centres and villages; Iran, Turkey and Egypt's governorates; Palestinian "
            "towns), those with several short lines first, topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"الجامعة|جامعة|المبتعثين|الابتعاث|الملحقية الثقافية|المدارس|المدرسة|الطلاب|الطالبات"
            r"|السياحة|السياحي|التراث|الآثار|الجنادرية|سوق عكاظ|مهرجان|المهرجان"
            r"|الإسكان|وزارة الإسكان|العقار|الأراضي البيضاء|الوحدات السكنية|صندوق التنمية العقارية"
            r"|التقنية|الإنترنت|الجرائم المعلوماتية|الابتزاز|مواقع التواصل|تويتر|الاختراق|الهاكرز"
            r"|محافظة|مركز|قرية|قرى|هجرة"
            r"|إيران|طهران|تركيا|أنقرة|إسطنبول|الإسكندرية|أسيوط|سيناء|المنيا|الجيزة|بورسعيد"
            r"|غزة|رام الله|الخليل|نابلس|جنين|الضفة الغربية",
        ),
        SaudiNewsNetRound(
            22,
            seed=20261222,
            about="one article per outlet, drawn among its records of kinds earlier rounds held few of "
            "(municipal and civil-defence news of Saudi towns; traffic and road accidents with places; "
            "Hajj and Umrah services in Makkah and Madinah; Gulf neighbours' domestic news with their "
            "towns; Asian and European politics; short wire briefs with several datelines), those with "
            "several short lines first, topped up at random",
            size=15,
            per_outlet=1,
            kinds=r"الدفاع المدني|أمانة|بلدية|الهلال الأحمر"
            r"|حادث مروري|حوادث مرورية|حادث سير|انقلاب|تصادم|المرور|الطريق السريع"
            r"|الحجاج|الحج|المعتمرين|العمرة|المسجد الحرام|المسجد النبوي|مكة المكرمة|المدينة المنورة"
            r"|الكويت|قطر|الدوحة|البحرين|المنامة|سلطنة عمان|مسقط|الإمارات|دبي|أبوظبي|الشارقة"
            r"|الهند|نيودلهي|الصين|بكين|روسيا|موسكو|ألمانيا|برلين|فرنسا|باريس|بريطانيا|لندن"
            r"|\(واس\)|\(أ ف ب\)|\(رويترز\)|وكالات",
        ),
        XlsumRound(
            "xlsum_regions",
            seed=20261130,
            size=40,
            about="international news from an outlet no region label had come from",
            earlier=(),
            later_files=r"xlsum",
        ),
        XlsumRound(
            "xlsum_regions2",
            seed=20261201,
            size=30,
            about="the rows the first BBC Arabic round left (all 30 of them)",
            earlier=("xlsum_regions",),
            later_files=r"(xlsum_regions|regions_xlsum)[2-9]",
        ),
    )
}


def _list() -> None:
    """Print every round: its draw, whether it is labelled, and its files."""
    for r in ROUNDS.values():
        labels = LABELS / f"{r.name}.json"
        state = "labelled" if labels.is_file() else "not labelled yet"
        print(f"{r.name}: seed {r.seed}, {r.size} articles, {state}; {r.about}")
        for path in [labels, *r.outputs()]:
            print(f"    {path.relative_to(ROOT)}")


def main(argv: list[str]) -> int:
    """Run one subcommand; exit status 0, or SystemExit with a message naming what disagrees."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--real", type=Path, default=REAL, help="the shared real data (default: %(default)s)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="every round, its draw and its files")
    sample = commands.add_parser("sample", help="draw a round's blind sample")
    sample.add_argument("round", choices=ROUNDS)
    build = commands.add_parser("build", help="write rounds' label files from the editor's labels")
    build.add_argument("rounds", nargs="+", choices=[*ROUNDS, "all"])
    args = parser.parse_args(argv)
    if args.command == "list":
        _list()
    elif args.command == "sample":
        ROUNDS[args.round].sample(args.real)
    else:
        for name in ROUNDS if "all" in args.rounds else args.rounds:
            ROUNDS[name].build(args.real)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
