"""The editor's blind labels for the eighth held-out SaudiNewsNet sample (scripts/sample_heldout8.py).

Written from the crawled text alone, before Nashra's own cut or tags were looked at; the format is
scripts/heldout_build.py's. scripts/build_heldout8.py turns this into
tests/data/sections/labels_heldout8.jsonl and tests/data/real_heldout8_sections.jsonl. Subdivisions of
countries outside the Arab League are optional (the gazetteer holds first-level subdivisions of Arab
League members only), as in the earlier rounds; a city named only in a dateline or byline is optional,
clubs are not places, a national team or a person's nationality is its country, and a Saudi body named
without a place (a ministry, a cup) makes Saudi Arabia optional.
"""

SPEC = [
    dict(
        id="2015-08-09.zip#22",
        drop=["رغد عشميل – عين اليوم"],
        cut=[" سمات أصالة"],
        sections=[(None, "بعد نشر خبر وفاة الإعلامي", ["FR"], ["FR-IDF"])],
        ends="أُعزي أهله وإخوانه وأصدقاءه.",
        furniture=["رغد عشميل – عين اليوم", "سمات"],
        note="obituary made of quoted condolences, one per line («وقال فلان: …»), all body; byline line "
        "before the lead, tag list glued to the end; he died at home in Paris",
    ),
    dict(
        id="2015-07-21.zip#592",
        drop=["فيلمان من بعيد"],
        sections=[
            ("Taklub", "إخراج: برلنتي مندوزا", ["PH"], []),
            ("بوخارست بلا توقف", "Bucharest Non - Stop", ["RO"], ["RO-B"]),
        ],
        ends="إلا القليل من الإعجاب.",
        furniture=["فيلمان من بعيد"],
        note="DVD page of two film reviews: each film's title heads its review, the credits card (original "
        "title, director, genre / country – year) opens its text; the page's kicker above them is a deck",
    ),
    dict(
        id="2015-07-27.zip#246",
        sections=[(None, "صدر اليوم عن الديوان الملكي البيان", ["SA", "SA-01"], [])],
        ends="إنا لله وإنا إليه راجعون .",
        furniture=[],
        note="Royal Court obituary statement quoted in full: its quoted header line «بيان من الديوان "
        "الملكي» is the statement's text, not a heading",
    ),
    dict(
        id="2015-08-06.zip#1139",
        drop=["المهندس القحطاني"],
        sections=[(None, "أشاد أمين منطقة الجوف", ["SA", "SA-12"], [])],
        ends="على استفسارات رؤساء البلديات.",
        furniture=["المهندس القحطاني"],
        note="photo caption (a title and a name) before the lead",
    ),
    dict(
        id="2015-08-06.zip#1201",
        drop=[
            "aaljamili@yahoo.com",
            "للتواصل مع الكاتب",
            "تبدأ بالرمز (3)",
            "88591 - Stc",
            "635031 -",
            "737221 -",
        ],
        sections=[(None, "(دِخْــنَــة) مَــركزٌ سكاني", ["SA", "SA-03", "SA-05"], [])],
        ends="وتنظيم المسرحيات ومعارض الرّســم!",
        furniture=["aaljamili@yahoo.com", "للتواصل مع الكاتب", "88591 - Stc", "737221 - Zain"],
        note="column: a park near Ar Rass in Qassim held up to Medina's municipality; e-mail and SMS "
        "contact block close it",
    ),
    dict(
        id="2015-07-25.zip#833",
        sections=[(None, "بالنظر إلى العنوان المذكور أعلاه", [], ["SA"])],
        ends="والله الموفق والمستعان.",
        furniture=[],
        note="column with a numbered list of eight proposals (body) introduced by a line ending in a "
        "colon; «خلاصه القول:» opens a closing paragraph, not a heading; «دولتنا» only",
    ),
    dict(
        id="2015-08-11.zip#967",
        sections=[
            (None, "عدّت وزارة الحج التنظيمات", [], ["SA", "SA-03"]),
            ("بوابة إلكترونية", "ولفت إلى أنه من بين الأنظمة", [], ["SA"]),
            ("ثلاثة خيارات", "كما وفرت وزارة الحج", [], ["SA", "SA-02"]),
            ("خارطة لحجاج الداخل", "إلى ذلك، وصف عضو الغرفة", ["SA", "SA-03"], []),
        ],
        ends="مع حجم إيرادات تلك الشركات.",
        furniture=[],
        note="report with three sub-headings; the Hajj ministry and domestic pilgrims name no place until "
        "the Medina chamber; Medina in the byline only (optional); the Jamarat (Mina) optional",
    ),
    dict(
        id="2015-08-06.zip#2286",
        drop=["رابط الخبر بصحيفة الوئام"],
        sections=[(None, "أصدرت وزارة الداخلية اليوم بيانا", ["SA", "SA-09"], [])],
        ends="والله الهادي إلى سواء السبيل .",
        furniture=["رابط الخبر بصحيفة الوئام"],
        note="Interior Ministry execution statement quoted in full: «وفيما يلي نص البيان :», the Quranic "
        "verses and the closing formula are its text; link-back on its own line",
    ),
    dict(
        id="2015-08-02.zip#1089",
        drop=["جانب من التتويج", "لاعب يستلم جائزته"],
        sections=[(None, "توج عصام الملا عضو مجلس", ["SA", "TW", "JP", "QA"], ["TW-TPE"])],
        ends="في سبتمبر المقبل.",
        furniture=["جانب من التتويج", "لاعب يستلم جائزته"],
        note="sports result; two photo captions close it; players' nationalities are their countries",
    ),
    dict(
        id="2015-07-21.zip#2320",
        sections=[
            (None, "استكملت مساء الأمس مواجهات", [], ["SA"]),
            ("الخليج × الشباب", "تأهل الخليج لدور الثمانية", ["SA", "SA-04"], []),
            ("الوطني × العروبة", "فيما تأهل العروبة", ["SA", "SA-07"], []),
            ("الشعلة × الفيصلي", "وتأهل الشعلة كذلك", ["SA", "SA-01"], []),
        ],
        ends="في الدور المقبل من المسابقة.",
        furniture=[],
        note="cup round results: one 'HOME × AWAY' heading per match; each stadium's town (Dammam, Tabuk, "
        "Al-Kharj) places its match; the Crown Prince Cup names no place",
    ),
    dict(
        id="2015-08-11.zip#1340",
        sections=[(None, "كسب المنتخب السعودي للشباب", ["SA", "DZ", "EG", "EG-ALX"], [])],
        ends="في حصد كأس البطولة.",
        furniture=[],
        note="basketball result: national teams are their countries; Alexandria is a first-level "
        "subdivision of Egypt",
    ),
    dict(
        id="2015-08-10.zip#1419",
        drop=["تويتر: @abedhashem1", "فاكس: 6923348"],
        sections=[
            (None, "• الحراك الحثيث الذي يتواصل", [], ["SA", "SA-01", "SA-02"]),
            ("تأمـل:", "المال الذي لا يجلب السعادة", [], []),
        ],
        ends="نعيش تعاستنا برفاهية!.",
        furniture=["تويتر: @abedhashem1", "فاكس: 6923348"],
        note="sports column of bulleted paragraphs (• and ••); the closing kicker «تأمـل:» heads the "
        "aphorism under it, as «السطر الأخير :» does (the labels of blind5; labelled body at first, "
        "revised to that convention after scoring); Twitter and fax contacts close it; «قطبي الرياض "
        "وقطبي جدة» names the cities' clubs (optional)",
    ),
    dict(
        id="2015-08-06.zip#3100",
        strip=["فهد الغبيوي - سبق - عفيف:"],
        sections=[(None, "لقي شخصان من الجنسية الباكستانية", ["SA", "SA-01", "PK"], [])],
        ends="فرقة من مرور عفيف والجهات الإسعافية.",
        furniture=["فهد الغبيوي - سبق - عفيف:"],
        note="accident report: the byline with its dateline (also the crawl's author line) glued to the "
        "lead's first word; Afif and Al-Bijadiyah lie in Riyadh region; the victims' nationality is Pakistan",
    ),
    dict(
        id="2015-08-11.zip#1565",
        drop=["جدة 26 شوال", "// انتهى //", "10:23 ت م"],
        sections=[(None, "نفذت الندوة العالمية للشباب الإسلامي", ["CF", "CM"], ["SA", "SA-02"])],
        ends="لمدة ثلاثة أشهر .",
        furniture=["جدة 26 شوال", "// انتهى //", "10:23 ت م"],
        note="SPA: dateline line, end mark and time stamp; Jeddah only in the dateline",
    ),
    dict(
        id="2015-08-03.zip#677",
        sections=[(None, "سجّل مطار الملك خالد الدولي", ["SA", "SA-01", "SA-02", "GR"], [])],
        ends="مع منتصف شهر يوليو الماضي.",
        furniture=[],
        note="airport figures; Jeddah as a destination, Athens and the Greek airline",
    ),
]
