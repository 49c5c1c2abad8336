"""The words around a name that show it is not the place: people, outlets, currencies, streets.

A gazetteer name in news text is often part of something else. The kinds handled here, each with the
words that give it away (closed classes of Arabic words, not lists of places):

* a person's name: a title before it (الدكتور, الممثلة …), a kunya or family word (أبو, بن, آل …),
  or a given name before a definite name or nisba ("أيمن المغربي", "أحمد الخليل", "منصور التركي");
  given names are measured on the corpus (the words that follow titles), see derive_usage; or one of
  two words the text shows to be a full name: the other word stands elsewhere as who tells ("باريس
  جاكسون … نشرت جاكسون"), or a post or kinship follows them in apposition ("وحيد سعودي مدير عام",
  "بيرو فيراري، ابن مؤسس الشركة"); the matcher then reads the bare name alone as the person too;
* a media outlet or news agency: a media word before it ("قناة الجزيرة", "راديو صوت بيروت", "وكالة
  الأنباء الفرنسية"), a quoted name after a word of telling ('قال لـ"الرياض"'), or a feminine
  nationality adjective standing for an agency ("بحسب الفرنسية", "وفقا للفرنسية");
* a currency: a nationality adjective after a currency word ("مليون دولار أميركي", "ليرة سورية");
* a street or square named after another city ("شارع بغداد" in Damascus, "شارعي الثورة وبغداد"), a
  shop or café ("مقهى هاواي" in Hodeidah), a treaty or declaration named after one ("ميثاق روما"); a
  firm quoted after لـ ('تقرير ل«بيرو فان دايك»');
* a party or movement named after a place ("حركة نداء تونس"), an armed unit named after one ("سرايا
  القدس", "فيلق القدس", "لواء القدس الفلسطيني");
* a country adjective that names no country: a language ("اللغة الألمانية", "بلغات كالألمانية
  والإسبانية"), a sea or ocean ("المحيط الهندي"), an institution ("الجامعة الأميركية بالقاهرة");
* a name read as the common word it also is, before an adjective of that word ("البحرين المتوسط
  والأحمر", "the two seas") or joined to a word of its kind ("باليمن والإيمان", good fortune).

Words are compared in normalized form (see :func:`nashra.arabic.normalize`), clitics allowed where a
word takes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from nashra.arabic import QUOTE, clitic_stems, normalize


def _words(*words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


# Titles and roles written before a person's name.
TITLES = _words(
    "الشيخ",
    "الشيخة",
    "الأمير",
    "الأميرة",
    "الملك",
    "الملكة",
    "السلطان",
    "الدكتور",
    "الدكتورة",
    "د",
    "المهندس",
    "المهندسة",
    "الأستاذ",
    "الأستاذة",
    "السيد",
    "السيدة",
    "اللواء",
    "العميد",
    "العقيد",
    "الرائد",
    "المقدم",
    "المشير",
    "النقيب",
    "الملازم",
    "الرقيب",
    "العريف",
    "الجندي",
    "الفنان",
    "الفنانة",
    "الممثل",
    "الممثلة",
    "المطرب",
    "المطربة",
    "المخرج",
    "الكاتب",
    "الكاتبة",
    "الشاعر",
    "الشاعرة",
    "الإعلامي",
    "الإعلامية",
    "الزميل",
    "الزميلة",
    "اللاعب",
    "اللاعبة",
    "المدرب",
    "الداعية",
    "الإمام",
    "القاضي",
    "المحامي",
    "المواطن",
    "المواطنة",
    "الطالب",
    "الطالبة",
    "الطفل",
    "الطفلة",
    "الحاج",
    "الحاجة",
    "المفتي",
    "الناشط",
    "الناشطة",
    "الأسير",
    "الشهيد",
    "المتحدث",
    "الصحفي",
    "الصحافي",
)

# Words that start or join the parts of a name: kunya, patronymic, family (آل is ال once normalized).
NAME_PARTICLES = _words("أبو", "أبي", "أبا", "أم", "ابن", "بن", "بنت", "آل")

# Words that give a person's name: «يدعى» ("is called", which normalizes as «يدعي», "claims", does) and
# «المدعو» ("the one called"), with their feminine and و.
NAMING_WORDS = _words("يدعى", "ويدعى", "تدعى", "وتدعى", "المدعو", "والمدعو", "المدعوة", "والمدعوة")

# Outlets: a name right after one of these (or one word further) is the outlet's name.
MEDIA_WORDS = _words(
    "قناة",
    "قنوات",
    "تلفزيون",
    "التلفزيون",
    "إذاعة",
    "الإذاعة",
    "راديو",
    "صحيفة",
    "الصحيفة",
    "صحف",
    "جريدة",
    "الجريدة",
    "مجلة",
    "المجلة",
    "موقع",
    "الموقع",
    "وكالة",
    "الوكالة",
    "شبكة",
    "منصة",
    "صفحة",
    "نشرة",
    "تلفزيونات",
    # Parties and movements named after a place ("حزب نداء تونس", "حركة نداء تونس").
    "حزب",
    "حركة",
    "تيار",
    "ائتلاف",
)

# A treaty, declaration or conference named after a city ("ميثاق روما", "اتفاق الطائف") is not the city.
TREATY_WORDS = _words(
    "اتفاق",
    "اتفاقية",
    "اتفاقيات",
    "ميثاق",
    "معاهدة",
    "بروتوكول",
    "إعلان",
    "بيان",
    "مسار",
)

# Verbs of telling: quoted, a name after one is an outlet ('نشرت "الرياض"'); bare, the word after one is
# who tells ("نشرت جاكسون", "وأوضح سعودي"), a person's name where it also stands in a full name.
TELLING_VERBS = _words(
    "قال",
    "قالت",
    "ذكر",
    "ذكرت",
    "أفاد",
    "أفادت",
    "أكد",
    "أكدت",
    "أوضح",
    "أوضحت",
    "صرح",
    "صرحت",
    "كشف",
    "كشفت",
    "نقل",
    "نقلت",
    "نقلا",
    "أورد",
    "أوردت",
    "نشر",
    "نشرت",
    "بث",
    "بثت",
    "تلقى",
    "تلقت",
    "حصل",
    "حصلت",
    "أضاف",
    "أضافت",
)

# Who tells when it is no person's name: roles and sources in the speaker's place («وقال مسؤول إن»,
# «وأضاف مصدر», «وقال وزير الخارجية»). Such a word after a place is no surname («زار دمشق وزير …»).
SPEAKER_NOUNS = _words(
    "وزير",
    "وزيرة",
    "رئيس",
    "رئيسة",
    "مسؤول",
    "مسؤولة",
    "مسؤولون",
    "مسؤولو",
    "مصدر",
    "مصادر",
    "مراسل",
    "مراسلة",
    "متحدث",
    "متحدثة",
    "ناطق",
    "ناطقة",
    "شاهد",
    "شهود",
    "خبير",
    "خبراء",
    "محلل",
    "مدير",
    "مديرة",
    "قائد",
    "زعيم",
    "سفير",
    "نائب",
    "عضو",
    "أمين",
    "مستشار",
    "مندوب",
    "ممثل",
    "ضابط",
    "طبيب",
    "ناشط",
    "ناشطون",
    "مواطن",
    "مواطنون",
    "سكان",
    "بيان",
    "تقرير",
    "تقارير",
    "صحيفة",
    "وكالة",
    "موقع",
)

# Words of telling and attribution before a quoted outlet name ('قال لـ"الرياض"', 'بحسب "عكاظ"'), and
# the editing of one ('رئيساً لتحرير «الرياض»'): quoted, the name after them is the outlet.
TELLING_WORDS = TELLING_VERBS | _words(
    "ل",
    "تحرير",
    "لتحرير",
    "حسب",
    "بحسب",
    "وحسب",
    "وبحسب",
    "وفق",
    "وفقا",
    "عن",
)

# Before a feminine nationality adjective standing alone, these make it a news agency ("بحسب الفرنسية").
AGENCY_CUES = _words("حسب", "بحسب", "وحسب", "وبحسب", "وفق", "وفقا", "نقلا", "عن", "لوكالة")

CURRENCY_WORDS = _words(
    "دولار",
    "دولارا",
    "دولارات",
    "جنيه",
    "جنيها",
    "جنيهات",
    "ريال",
    "ريالا",
    "ريالات",
    "دينار",
    "دينارا",
    "دنانير",
    "درهم",
    "درهما",
    "دراهم",
    "ليرة",
    "ليرات",
    "يورو",
    "ين",
    "يوان",
    "روبل",
    "روبية",
    "فرنك",
    "شيكل",
    "شيقل",
    "أوقية",
)

# A street, square or road named after a place is not that place ("شارع بغداد" in Damascus).
STREET_WORDS = _words("شارع", "ساحة", "ميدان", "دوار", "جادة", "طريق")
# Nor is a shop or café named after one ("مقهى هاواي" on the Hodeidah seafront, "مطعم لندن" in Jeddah):
# the indefinite word right before the name, which carries no preposition ("المتجر بباريس" is the shop's
# seat in Paris).
SHOP_WORDS = _words("مقهى", "كافيه", "كافتيريا", "مطعم", "متجر", "صالون", "مخبز", "بقالة")
# Their dual opens a list of two street names ("شارعي الثورة وبغداد"). The plural does not: "شوارع حلب
# وإدلب" are the streets of two cities.
STREET_LIST_WORDS = _words("شارعي", "ساحتي", "دواري", "جادتي")
# How many words back the second street name may stand from the dual that opened the pair.
_STREET_LIST_REACH = 4

# Armed units named after a place ("سرايا القدس", "فيلق القدس", "لواء القدس الفلسطيني", "ألوية صلاح
# الدين"). In Jordan a liwa is also a district ("لواء الرمثا"): there the name after لواء is the place.
UNIT_WORDS = _words("لواء", "ألوية", "كتيبة", "كتائب", "سرايا", "فيلق")
_LIWA = normalize("لواء")
LIWA_DISTRICT_COUNTRIES = frozenset({"JO"})

# A language: a feminine country adjective after one of these, or listed after one with only feminine
# words between ("بلغات مختلفة كالألمانية والإسبانية"), is the language.
LANGUAGE_WORDS = _words("لغة", "اللغة", "لغات", "اللغات", "لغتين", "اللغتين", "بلغة", "باللغة", "بلغات")
_LANGUAGE_REACH = 4

# Seas, oceans and gulfs named with a country adjective ("المحيط الهندي", "بحر العرب" is no adjective).
WATER_WORDS = _words("المحيط", "محيط", "البحر", "بحر", "الخليج", "خليج", "المضيق", "مضيق")
# Adjectives of seas: a name right before one is the common word it also is ("البحرين المتوسط").
SEA_ADJECTIVES = _words("المتوسط", "الأحمر", "الأبيض", "الأسود", "الميت", "الأدرياتيكي", "الكاريبي")

# «اليُمن» (good fortune) reads «اليمن» once its damma is dropped: coordinated with another blessing
# («باليُمن والإيمان», «اليمن والبركة») it is the word, not Yemen.
_YUMN = normalize("اليمن")
BLESSINGS = _words("الإيمان", "البركة", "البركات", "المسرات", "المسرة", "السعادة")

# «الرمادي» is Ramadi and "the grey": after the word for a colour («اللون الرمادي», «باللون الرمادي»), after
# another colour it is listed with («الأسود والرمادي»), or bare right after a definite noun it describes
# («الذئب الرمادي», «الموقف الرمادي») it is the colour; the city follows a place word, a preposition
# or an indefinite noun («مدينة الرمادي», «في الرمادي», «معارك الرمادي») or is listed with towns («الفلوجة
# والرمادي»). SaudiNewsNet: 19 such colour uses, none of them the city.
_GREY = normalize("الرمادي")
# Words normalized text spells like a definite noun that are none (إلى as «الي», الآن, إلا, the relative
# pronouns): «إلى الرمادي», «تطوق القوات الآن الرمادي» name the city.
_DEFINITE_LOOKING = _words(
    "إلى", "الآن", "إلا", "الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللاتي", "اللواتي"
)
# A shade after it («الرمادي الداكن», «بالرمادي الفاتح») makes it the colour wherever it stands, whatever
# proclitic it carries.
SHADES = _words("الداكن", "الغامق", "الفاتح", "اللامع", "المائل")
COLOUR_WORDS = _words(
    "اللون", "لون", "باللون", "بلون", "ولون", "واللون", "الألوان", "ألوان", "بألوان", "لونين"
)
COLOURS = _words(
    "الأسود",
    "الأبيض",
    "الأحمر",
    "الأخضر",
    "الأزرق",
    "الأصفر",
    "البني",
    "الوردي",
    "البنفسجي",
    "الأرجواني",
    "البرتقالي",
    "الذهبي",
    "الفضي",
    "الزهري",
    "الكحلي",
)
# Pronoun suffixes of a noun, as written (ة kept apart from ه): a noun with one is definite, and «الرمادي»
# right after it describes it («بشعره الرمادي», «بدلتها الرمادي»).
_POSSESSIVE_SUFFIXES = ("ه", "ها", "هما", "هم", "هن", "كم")
# Words whose own last letter is ه, no suffix: «باتجاه الرمادي» is towards Ramadi.
_OWN_HA = _words("اتجاه", "تجاه", "وجه", "مياه", "شبه", "انتباه")
_OR = normalize("أو")

# «لحج» is also ل + «حج» (for the Hajj): before the season it is held in («لحج هذا العام», «لحج 1436هـ»,
# «لحج بيت الله الحرام») it is the pilgrimage, not Lahij. Yemen's news names the governorate before a
# direction, a conjunction or a verb instead (SaudiNewsNet: all 19 «لحج» before these words are the Hajj).
_LAHIJ = frozenset({normalize("لحج"), normalize("ولحج")})
HAJJ_SEASON_WORDS = _words("العام", "الموسم", "موسم", "بيت")
_THIS = _words("هذا", "هذه")
_SEASONS = _words("العام", "الموسم", "السنة")
_HIJRI_YEAR = re.compile(r"^1[34]\d\d")

# Institutions named with a country adjective: "الجامعة الأميركية بالقاهرة" is in Cairo.
INSTITUTION_WORDS = _words(
    "جامعة",
    "الجامعة",
    "كلية",
    "الكلية",
    "معهد",
    "المعهد",
    "مدرسة",
    "المدرسة",
    "أكاديمية",
    "الأكاديمية",
    "مستشفى",
    "المستشفى",
    "مركز",
    "المركز",
)

# A hospital named after a man, his given name and surname («مستشفى علوي تونسي» in Mecca): an indefinite
# nisba after a hospital word and one more word is the surname, unless that word says what kind of
# hospital it is («مستشفى ميداني سعودي», a Saudi field hospital).
HOSPITAL_WORDS = _words("مستشفى", "مستوصف")
HOSPITAL_KINDS = _words(
    "ميداني",
    "عسكري",
    "خاص",
    "جامعي",
    "حكومي",
    "تخصصي",
    "متخصص",
    "متنقل",
    "عام",
    "مركزي",
    "أهلي",
    "تعليمي",
    "مرجعي",
    "نفسي",
    "خيري",
    "جديد",
    "حديث",
    "كبير",
    "صغير",
    "آخر",
    "واحد",
)

# Words set after a person's name, in apposition: a post or a kinship ("وحيد سعودي مدير عام التحاليل",
# "وحيد سعودي، المتحدث باسم الهيئة", "بيرو فيراري، ابن مؤسس الشركة"). Posts that a country also holds
# (رئيس الدورة, عضو المجلس) are left out.
APPOSITION_WORDS = _words(
    "مدير",
    "المدير",
    "المتحدث",
    "الناطق",
    "مؤسس",
    "ابن",
    "ابنة",
    "نجل",
    "نجلة",
    "شقيق",
    "شقيقة",
    "زوج",
    "زوجة",
    "أرملة",
    "والد",
    "والدة",
    "مستشار",
    "أستاذ",
)
# Titles and offices written before a foreign person's given name and surname («الرئيس رفائيل كوريا
# دلجادو رئيس الإكوادور»): TITLES, and the offices that head a state or seek one.
NAME_TITLES = TITLES | _words(
    "الرئيس",
    "الرئيسة",
    "المرشح",
    "المرشحة",
    "السناتور",
    "السيناتور",
    "النائب",
    "الوزير",
    "الوزيرة",
    "الجنرال",
    "المستشار",
    "المستشارة",
)
# A post in apposition after a titled name: APPOSITION_WORDS, and رئيس, which after a title and a given
# name heads no country's office («رفائيل كوريا دلجادو رئيس الإكوادور»).
_TITLED_APPOSITION = APPOSITION_WORDS | _words("رئيس")
# Words before a name that open a clause whose subject it is: a verb of telling, or أن / إن ("يذكر أن
# بيرو فيراري، ابن مؤسس الشركة").
_CLAUSE_OPENERS = _words("أن", "إن")
# «كان» and its conjunctions: its subject comes right after it too («وكان السوداني يشرف»).
_KANA = _words("كان", "كانت", "وكان", "وكانت", "فكان", "فكانت")
# Punctuation that ends a sentence: the words after it open a new one.
_SENTENCE_ENDS = frozenset(".!?؟:\n")

_LAM = normalize("ل")
# The first name علي, which normalizes as the preposition على does.
_ALI = normalize("علي")
# How many words after a place's name a quoted firm's name («بيرو فان دايك») may run on.
_QUOTED_NAME_REACH = 3

_PREPOSITIONS = _words(
    "في", "من", "إلى", "الى", "على", "عن", "مع", "بين", "قرب", "عند", "نحو", "داخل", "خارج"
)


# Words that are never part of a name: prepositions, particles, pronouns, demonstratives, auxiliaries.
_FUNCTION_WORDS = _PREPOSITIONS | _words(
    "أن",
    "إن",
    "أنه",
    "إنه",
    "أنها",
    "إنها",
    "لا",
    "لم",
    "لن",
    "قد",
    "ما",
    "هو",
    "هي",
    "هم",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "كان",
    "كانت",
    "أمس",
    "بعد",
    "قبل",
    "خلال",
    "حول",
    "عبر",
    "أيضا",
    "كما",
    "أو",
    "ثم",
    "لكن",
    "بل",
    "حتى",
)


def _stems(word: str) -> set[str]:
    return set(clitic_stems(word))


class Context:
    """Reads the words around a name; built once per matcher, with the given names of the corpus."""

    def __init__(self, given_names: frozenset[str]) -> None:
        self.given_names = given_names
        self._cache: dict[str, frozenset[str]] = {}

    def kinds(self, word: str) -> frozenset[str]:
        """The word classes a word belongs to (with its clitics removed where it takes them)."""
        cached = self._cache.get(word)
        if cached is None:
            if len(self._cache) > 300_000:
                self._cache.clear()
            stems = _stems(word)
            found = set()
            if word in TITLES:
                found.add("title")
            if word in NAME_PARTICLES:
                found.add("particle")
            if word in self.given_names or (word.startswith("عبد") and len(word) > 4):
                found.add("given")
            if stems & MEDIA_WORDS:
                found.add("media")
            if word in TELLING_WORDS:
                found.add("telling")
            if word in AGENCY_CUES:
                found.add("agency")
            if word in CURRENCY_WORDS:
                found.add("currency")
            if stems & STREET_WORDS or stems & TREATY_WORDS:
                found.add("street")
            bare = word.lstrip("وف")
            if bare in SHOP_WORDS or (bare[:1] in ("ب", "ل", "ك") and bare[1:] in SHOP_WORDS):
                found.add("shop")
            if stems & STREET_LIST_WORDS:
                found.add("street_list")
            if stems & UNIT_WORDS:
                found.add("unit")
            if stems & LANGUAGE_WORDS:
                found.add("language")
            if word in WATER_WORDS:
                found.add("water")
            if word in INSTITUTION_WORDS:
                found.add("institution")
            cached = self._cache[word] = frozenset(found)
        return cached

    def person(self, tokens: Sequence[str], i: int, definite: bool, adjective: bool, chained: bool) -> bool:
        """Whether a name at tokens[i] is part of a person's name.

        After a title only a place name is (الممثلة باريس هيلتون): an adjective there is the person's
        nationality (الرئيس التونسي). After a kunya or family word anything is (أبو فاطمة, آل خليفة).
        After a given name, or right after another part of a person's name (``chained``), a definite
        name or nisba is a surname (أيمن المغربي, أحمد الخليل); an indefinite name is not (سلطان عمان),
        but an indefinite nisba after the given name a hospital is named with is (مستشفى علوي تونسي; see
        ``HOSPITAL_WORDS``).
        """
        if i == 0:
            return False
        before = tokens[i - 1]
        kinds = self.kinds(before)
        if "particle" in kinds:
            return True
        if "title" in kinds and not self._describes_noun(tokens, i - 1):
            return not adjective
        if not definite:
            return adjective and self._hospital_named(tokens, i)
        if chained or "given" in kinds:
            return True
        # "الأستاذة نبيلة التونسي", "أبو بكر البغدادي": a title or kunya, a first name the corpus did not
        # list, then the surname. A preposition or particle is no first name: «الجوائز الإعلامية في
        # السعودية» names the country after an adjective spelled like a title (علي, written على, is one).
        return (
            i >= 2
            and bool({"title", "particle"} & self.kinds(tokens[i - 2]))
            and not self._describes_noun(tokens, i - 2)
            and not before.startswith("ال")
            and (before not in _FUNCTION_WORDS or before == _ALI)
        )

    def _describes_noun(self, tokens: Sequence[str], j: int) -> bool:
        """Whether the title-like nisba at tokens[j] is the adjective of the definite noun before it, not
        a person's title: «المركز الإعلامي بأمانة العاصمة المقدسة» is the media centre of Makkah's
        municipality, where «الإعلامي عبدالله …» is a journalist. A title before it keeps it a title
        («الزميل الإعلامي …»)."""
        word = tokens[j]
        return (
            j >= 1
            and word.startswith("ال")
            and word.endswith(("ي", "يه"))
            and tokens[j - 1].startswith("ال")
            and "title" not in self.kinds(tokens[j - 1])
        )

    def _hospital_named(self, tokens: Sequence[str], i: int) -> bool:
        """Whether tokens[i] ends the name of a man a hospital is named after: a hospital word (clitics
        allowed), then one word that looks like a given name (no article, no function word, no word for
        a kind of hospital), then tokens[i] («مستشفى علوي تونسي»)."""
        if i < 2 or not _stems(tokens[i - 2]) & HOSPITAL_WORDS:
            return False
        given = tokens[i - 1]
        return (
            len(given) > 2
            and not given.startswith("ال")
            and given not in _FUNCTION_WORDS
            and given not in HOSPITAL_KINDS
            and self.kinds(given) <= {"given"}
        )

    def outlet(
        self,
        tokens: Sequence[str],
        gaps: Sequence[str],
        start: int,
        end: int,
        is_name: Callable[[str], bool],
        prepositioned: bool = False,
    ) -> bool:
        """Whether the name at tokens[start:end] is named as an outlet.

        ``gaps[j]`` is the text between tokens[j - 1] and tokens[j]. A media word right before it, or
        one word before with one ordinary word between (وكالة الأنباء الفرنسية; not a name, as in
        "قناة السويس المصرية", nor a name carrying its own preposition, ``prepositioned``, as in "مجلة
        الشرق بالدمام", which says where the outlet is), or the name quoted right after a word of telling.
        """
        if start >= 1 and "media" in self.kinds(tokens[start - 1]) and not gaps[start].strip(" " + QUOTE):
            return True  # «قناة الجزيرة», and quoted: «وكالة "قنا"», «صحيفة «الرياض»»
        if (
            start >= 2
            and not prepositioned
            and "media" in self.kinds(tokens[start - 2])
            and not gaps[start - 1].strip()
        ):
            between = tokens[start - 1]
            if (
                not self.kinds(between)
                and between not in _PREPOSITIONS
                and not is_name(between)
                and not gaps[start].strip(" " + QUOTE)
            ):
                return True
        if start >= 1 and QUOTE in gaps[start] and "telling" in self.kinds(tokens[start - 1]):
            if end >= len(gaps) or QUOTE in gaps[end]:
                return True
            # 'قال تقرير ل«بيرو فان دايك»': after لـ, a quoted name of a few words is a firm's or an
            # outlet's (quoted speech follows a verb, not لـ).
            if tokens[start - 1] != _LAM or gaps[end].strip():
                return False
            for j in range(end + 1, min(len(gaps), end + 1 + _QUOTED_NAME_REACH)):
                if QUOTE in gaps[j]:
                    return True
                if gaps[j].strip():
                    return False
        return False

    def outlet_in_apposition(self, tokens: Sequence[str], gaps: Sequence[str], start: int, end: int) -> bool:
        """Whether the name at tokens[start:end] is quoted with a media word right after it, in apposition:
        «لكي تظهر «الرياض» الصحيفة مميزة» is the newspaper. ``gaps`` as for :meth:`outlet`."""
        return (
            QUOTE in gaps[start]
            and end < len(tokens)
            and QUOTE in gaps[end]
            and "media" in self.kinds(tokens[end])
        )

    def quoted_outlets(self, tokens: Sequence[str], gaps: Sequence[str]) -> frozenset[str]:
        """Words a text quotes alone right after a media word («صحيفة «الرياض»», «جريدة "الوطن"»): the
        text itself names them as outlets, so the same word quoted elsewhere in it is the outlet too
        («لمؤسستهم «الرياض»» in a letter that thanks «صحيفة «الرياض»»). ``gaps`` as for :meth:`outlet`."""
        return frozenset(
            tokens[j]
            for j in range(1, len(tokens))
            if QUOTE in gaps[j]
            and (j + 1 == len(tokens) or QUOTE in gaps[j + 1])
            and "media" in self.kinds(tokens[j - 1])
        )

    def agency(self, tokens: Sequence[str], light_word: str, start: int) -> bool:
        """Whether a nationality adjective stands for a news agency: feminine, after بحسب, وفقا …"""
        return start >= 1 and light_word.endswith("ة") and "agency" in self.kinds(tokens[start - 1])

    def currency(self, tokens: Sequence[str], start: int) -> bool:
        return start >= 1 and "currency" in self.kinds(tokens[start - 1])

    def street(self, tokens: Sequence[str], start: int) -> bool:
        """Whether a name is a street's: right after a street word, or the second of two street names
        after a dual street word ("شارعي الثورة وبغداد")."""
        if start >= 1 and "street" in self.kinds(tokens[start - 1]):
            return True
        if not tokens[start].startswith("و"):
            return False
        return any(
            "street_list" in self.kinds(tokens[j]) for j in range(max(0, start - _STREET_LIST_REACH), start)
        )

    def shop(self, tokens: Sequence[str], start: int) -> bool:
        """Whether a name is a shop's or a café's: right after an indefinite shop word ("مقهى هاواي",
        "بمتجر لوي فيتون")."""
        return start >= 1 and "shop" in self.kinds(tokens[start - 1])

    def unit(self, tokens: Sequence[str], start: int, countries: set[str]) -> bool:
        """Whether a name is an armed unit's: right after a unit word ("سرايا القدس"); after لواء, unless
        the name is a place in a country whose districts are called liwa ("لواء الرمثا")."""
        if start < 1 or "unit" not in self.kinds(tokens[start - 1]):
            return False
        return not (_LIWA in _stems(tokens[start - 1]) and countries & LIWA_DISTRICT_COUNTRIES)

    def adjective_not_country(self, tokens: Sequence[str], start: int, light_word: str) -> bool:
        """Whether a country adjective at tokens[start] names no country here: a language, a sea or an
        institution named with it.

        A person's nationality ("الإسباني لوبيز كارو") is left to stand for the country, as editors
        label it.
        """
        before = tokens[start - 1] if start >= 1 else ""
        kinds_before = self.kinds(before) if before else frozenset()
        if "water" in kinds_before or "institution" in kinds_before:
            return True
        if not light_word.endswith("ة"):
            return False
        # The language word, then only feminine words up to the adjective: "بلغات مختلفة كالألمانية".
        for j in range(start - 1, max(-1, start - 1 - _LANGUAGE_REACH), -1):
            if "language" in self.kinds(tokens[j]):
                return True
            if not tokens[j].endswith("ه"):
                return False
        return False

    def grey(
        self,
        tokens: Sequence[str],
        gaps: Sequence[str],
        start: int,
        end: int,
        placed: Callable[[str], bool],
        country_named: Callable[[], bool],
        light_before: str = "",
    ) -> bool:
        """Whether «الرمادي» at tokens[start] is the colour it also spells (see ``_GREY``): after a word for
        a colour or another colour, alone or after «أو» («الأبيض أو الرمادي»), before a shade («الداكن»,
        with any proclitic: «بالرمادي الفاتح»), or bare right after a definite noun, or a noun with a
        pronoun suffix («بشعره الرمادي»; ``light_before`` is that word as written, ة kept), that is
        neither a name nor a place word (``placed`` says which words are) in a text that names neither
        Ramadi's country nor a place of it besides (``country_named``): an Iraqi war report puts the city
        right after its verb's definite subject («استعاد الجيش الرمادي», «تحاصر القوات الأمنية الرمادي»)."""
        if end - start != 1 or start == 0:
            return False
        word, before = tokens[start], tokens[start - 1]
        if end < len(tokens) and tokens[end] in SHADES and not gaps[end].strip() and _GREY in _stems(word):
            return True
        bare_before = before[1:] if before[:1] == "و" else before
        if word[1:] == _GREY and word[:1] == "و":
            return bare_before in COLOURS  # «الأسود والرمادي», «والذهبي، والرمادي»
        if word != _GREY or any(ch in _SENTENCE_ENDS for ch in gaps[start]):
            return False
        if before in COLOUR_WORDS or bare_before in COLOURS:
            return True
        if before == _OR and start >= 2 and not gaps[start - 1].strip(" ،,"):
            coloured = tokens[start - 2]
            return (coloured[1:] if coloured[:1] == "و" else coloured) in COLOURS
        possessed = (
            len(light_before) > 3
            and light_before.endswith(_POSSESSIVE_SUFFIXES)
            and not _stems(before) & _OWN_HA
        )
        return (
            not gaps[start].strip()
            and (before.startswith("ال") or possessed)
            and before not in _DEFINITE_LOOKING
            and not placed(before)
            and not self.kinds(before)
            and not country_named()
        )

    def before_blessing(self, tokens: Sequence[str], gaps: Sequence[str], start: int, end: int) -> bool:
        """Whether «اليمن» is the blessing it also spells, joined by «و» to another ("باليمن والإيمان")."""
        if end - start != 1 or end >= len(tokens) or gaps[end].strip():
            return False
        following = tokens[end]
        return (
            _YUMN in clitic_stems(tokens[start]) and following.startswith("و") and following[1:] in BLESSINGS
        )

    def hajj_season(self, tokens: Sequence[str], gaps: Sequence[str], start: int, end: int) -> bool:
        """Whether «لحج» is ل + «حج», the pilgrimage, before the season it is held in ("لحج هذا العام")."""
        if end - start != 1 or end >= len(tokens) or tokens[start] not in _LAHIJ or gaps[end].strip():
            return False
        following = tokens[end]
        if following in _THIS:
            # «لحج هذا العام» is the Hajj; «في لحج هذا الأسبوع» may be Lahij.
            return end + 1 < len(tokens) and not gaps[end + 1].strip() and tokens[end + 1] in _SEASONS
        return following in HAJJ_SEASON_WORDS or bool(_HIJRI_YEAR.match(following))

    def before_sea_adjective(self, tokens: Sequence[str], gaps: Sequence[str], end: int) -> bool:
        """Whether a name stands right before an adjective of seas ("البحرين المتوسط والأحمر")."""
        return end < len(tokens) and not gaps[end].strip() and tokens[end] in SEA_ADJECTIVES

    def speakers(self, tokens: Sequence[str], gaps: Sequence[str]) -> frozenset[str]:
        """Words a text sets right after a verb of telling ("نشرت جاكسون", "وأضافت جاكسون"): who tells,
        a person's name where the same word also stands in a full name (see :meth:`full_name`).

        Not a role or a source (:data:`SPEAKER_NOUNS`: «وقال مسؤول»), nor a title in construct with the
        defined word after it («وقال وزير الخارجية», «وقال مراسل الوكالة»): those are no surnames, and
        «زار دمشق وزير الخارجية» names Damascus. ``gaps`` as for :meth:`outlet`.
        """
        return frozenset(
            tokens[j]
            for j in range(1, len(tokens))
            if self.telling_verb(tokens[j - 1])
            and not tokens[j].startswith("ال")
            and tokens[j] not in SPEAKER_NOUNS
            and not self._construct(tokens, gaps, j)
        )

    @staticmethod
    def _construct(tokens: Sequence[str], gaps: Sequence[str], j: int) -> bool:
        """Whether tokens[j] heads a construct: the next word, in the same phrase, carries the article."""
        return j + 1 < len(tokens) and not gaps[j + 1].strip() and tokens[j + 1].startswith("ال")

    def full_name(
        self,
        tokens: Sequence[str],
        gaps: Sequence[str],
        start: int,
        is_name: Callable[[str], bool],
        speakers: frozenset[str],
    ) -> bool:
        """Whether a one-word name at tokens[start] is one of the two words of a person's full name.

        The text shows it in two ways. The word after it stands elsewhere as who tells (in
        ``speakers``, from :meth:`speakers`): «وقعت باريس جاكسون تعاقدا … نشرت جاكسون صورة» is Paris
        Jackson. Or the two words open a clause and a post or a kinship follows them in apposition:
        «واوضح وحيد سعودي مدير عام التحاليل», «يذكر أن بيرو فيراري، ابن مؤسس الشركة». The other word
        must look like a name: no article, no word of the classes here, no place's name.
        ``gaps`` as for :meth:`outlet`.
        """
        n = len(tokens)
        if start + 1 < n and not gaps[start + 1].strip() and self._name_like(tokens[start + 1], is_name):
            # After a preposition it is a place before a word ("المسجلة في هولندا فيات كرايسلر").
            if tokens[start + 1] in speakers and (
                start == 0 or not _stems(tokens[start - 1]) & _PREPOSITIONS
            ):
                return True
            if self._opens_clause(tokens, gaps, start) and self._apposition(tokens, gaps, start + 2):
                return True
        if self._titled_surname(tokens, gaps, start, is_name):
            return True
        return (
            start >= 1
            and not gaps[start].strip()
            and self._name_like(tokens[start - 1], is_name)
            and self._opens_clause(tokens, gaps, start - 1)
            and self._apposition(tokens, gaps, start + 1)
        )

    def named_person(
        self, tokens: Sequence[str], gaps: Sequence[str], start: int, is_name: Callable[[str], bool]
    ) -> bool:
        """Whether a one-word name at tokens[start] opens the name a word of naming gives a person: «قائد
        هذه المجموعة يدعى الزبير أمير عبدالله» is a man called al-Zubair, not the Basra town. The name
        must go on as a person's does, with a given name: next («تدعى جدة سالم»), or after one word that
        looks like a name (see :meth:`_name_like`). Two words that merely look like names are no person's:
        «تدعي» ("claims") is «تدعى» once normalized, and what a country claims is mostly two such words
        («وتدعي إسرائيل وجود أسلحة», «تدعي إيران امتلاك قدرات»: Israel, Iran). So «تدعي إيران من خلالها»
        is still Iran, and so is a town given its name («بلدة تدعى الزبير جنوب البصرة»), where the
        direction is followed by the place it is taken from. ``gaps`` as for :meth:`outlet`."""
        if start < 1 or start + 1 >= len(tokens) or tokens[start - 1] not in NAMING_WORDS:
            return False
        if gaps[start].strip() or gaps[start + 1].strip():
            return False
        after = tokens[start + 1]
        if "given" in self.kinds(after):
            return True
        return (
            self._name_like(after, is_name)
            and start + 2 < len(tokens)
            and not gaps[start + 2].strip()
            and "given" in self.kinds(tokens[start + 2])
        )

    def _titled_surname(
        self, tokens: Sequence[str], gaps: Sequence[str], start: int, is_name: Callable[[str], bool]
    ) -> bool:
        """Whether tokens[start] is the surname in a title, a given name, the surname, perhaps a second
        surname, then a post: «الرئيس رفائيل كوريا دلجادو رئيس الإكوادور» is Rafael Correa, not Korea. A
        title and a name with no post after them stay a place: «زار الرئيس أوباما كينيا» is Kenya."""
        if start < 2 or gaps[start].strip() or gaps[start - 1].strip():
            return False
        if tokens[start - 2] not in NAME_TITLES or not self._name_like(tokens[start - 1], is_name):
            return False
        after = start + 1
        if (
            after < len(tokens)
            and not gaps[after].strip()
            and tokens[after] not in _TITLED_APPOSITION
            and self._name_like(tokens[after], is_name)
        ):
            after += 1
        return (
            after < len(tokens)
            and gaps[after].strip() in ("", "،", ",")
            and tokens[after] in _TITLED_APPOSITION
        )

    def listed_person(
        self, tokens: Sequence[str], gaps: Sequence[str], i: int, is_name: Callable[[str], bool]
    ) -> bool:
        """Whether a definite word at tokens[i] is the surname of a person listed after another: «محمد
        السحيمي , وفاضل العماني», a jury's last member, whose first name the corpus does not list (فاضل is
        also "virtuous"), or one it does (a given name does not show under و: «وخالد المصري»). The word
        before it is joined by و, is a given name or looks like a name (no article, no suffix of a noun's
        owner: «ونظيره العماني» is Oman's minister) and follows a person's given name and surname.
        ``gaps`` as for :meth:`outlet`."""
        if i < 3 or not tokens[i].startswith("ال") or gaps[i].strip() or gaps[i - 2].strip():
            return False
        first, surname, given = tokens[i - 1], tokens[i - 2], tokens[i - 3]
        bare = first[1:]
        return (
            first.startswith("و")
            and gaps[i - 1].strip() in ("", "،", ",")
            and len(bare) > 2
            and not bare.endswith(("ه", "ها", "هم", "هما"))
            and ("given" in self.kinds(bare) or self._name_like(bare, is_name))
            and surname.startswith("ال")
            and "given" in self.kinds(given)
        )

    def repeated_full_names(
        self,
        tokens: Sequence[str],
        gaps: Sequence[str],
        surnames: frozenset[str],
        is_name: Callable[[str], bool],
    ) -> frozenset[tuple[str, str]]:
        """The (given name, surname) pairs of a person the text names in full more than once, where the
        surname is a place's name: «كتب رافائيل كوريا رئيس الإكوادور … حكومة الرئيس رافائيل كوريا» is
        Rafael Correa twice, not Korea. A pair counts when the text writes the two words together at least
        twice, the first looking like a name (no article, no function word, no place), and once with a
        title before it («الرئيس رافائيل كوريا») or a post in apposition after it («… كوريا رئيس
        الإكوادور»). A verb, its subject and a place as its object («زار الرئيس أوباما كينيا») are not
        written twice over in one text; a person's name is. ``surnames``: the place names (as written,
        one word each) that may be such a surname; ``gaps`` as for :meth:`outlet`."""
        seen: dict[tuple[str, str], list[int]] = {}
        for j in range(1, len(tokens)):
            if tokens[j] in surnames and not gaps[j].strip():
                seen.setdefault((tokens[j - 1], tokens[j]), []).append(j)
        pairs = set()
        for (given, surname), at in seen.items():
            if len(at) < 2 or not self._name_like(given, is_name):
                continue
            titled = any(j >= 2 and not gaps[j - 1].strip() and tokens[j - 2] in NAME_TITLES for j in at)
            posted = any(
                j + 1 < len(tokens)
                and gaps[j + 1].strip() in ("", "،", ",")
                and tokens[j + 1] in _TITLED_APPOSITION
                for j in at
            )
            if titled or posted:
                pairs.add((given, surname))
        return frozenset(pairs)

    def telling_verb(self, word: str) -> bool:
        """Whether a word is a verb of telling (قال, وأضاف, فأكد …): who tells comes right after it."""
        return word in TELLING_VERBS or (word[:1] in ("و", "ف") and word[1:] in TELLING_VERBS)

    def _name_like(self, word: str, is_name: Callable[[str], bool]) -> bool:
        # A short function word keeps its conjunction through clitic_stems («وهي», «وقد», «ولم»): «ستفتحون
        # مصر وهي أرض …» after «قالت وهي راغبة» is Egypt, not a person.
        bare = word[1:] if word[:1] in ("و", "ف") else word
        return (
            len(word) > 1
            and not word.isdigit()
            and not word.startswith("ال")
            and word not in APPOSITION_WORDS
            and not (_stems(word) | {bare}) & _FUNCTION_WORDS
            and not self.kinds(word)
            and not is_name(word)
        )

    def _opens_clause(self, tokens: Sequence[str], gaps: Sequence[str], j: int) -> bool:
        """Whether tokens[j] opens a clause: first in the text or a sentence, or after a verb of telling
        or أن / إن."""
        if j == 0 or any(ch in _SENTENCE_ENDS for ch in gaps[j]):
            return True
        return self.opens_subject(tokens[j - 1])

    def opens_subject(self, word: str) -> bool:
        """Whether the subject of a clause comes right after a word: a verb of telling, أن / إن or كان
        («قال السوداني», «إن السوداني كان يشرف», «وكان السوداني يشرف»)."""
        return self.telling_verb(word) or word in _CLAUSE_OPENERS or word in _KANA

    @staticmethod
    def feminine_verb(word: str) -> bool:
        """Whether a normalized word is plainly a verb agreeing with a feminine singular subject: an
        imperfect of three letters (تضم, تقع, تعد), or of the derived stems opening تت, تست or ت_ت (تتميز,
        تستضيف, تحتضن), or a perfect of four letters or more ending in ت (شهدت, احتضنت; not «بات», «مات»).
        An imperfect of four letters (تشهد) is left out: a masculine perfect of the fifth stem is spelled
        so too (تحدث, تلقى, تولى)."""
        if word[:1] != "ت":
            return word.endswith("ت") and len(word) >= 4 and not word.endswith("ات")
        if len(word) == 3:
            return word != "تلا"
        return word.startswith(("تت", "تست")) or (len(word) >= 5 and word[2] == "ت")

    def _apposition(self, tokens: Sequence[str], gaps: Sequence[str], j: int) -> bool:
        """Whether a post or a kinship stands at tokens[j], right after the name or after a comma."""
        return j < len(tokens) and gaps[j].strip() in ("", "،", ",") and tokens[j] in APPOSITION_WORDS
