"""The editor's blind labels for the fifth held-out SaudiNewsNet sample (scripts/sample_heldout5.py).

Written from the crawled text alone, before Nashra's own cut or tags were looked at; the format is
scripts/heldout_build.py's. scripts/build_heldout5.py turns this into
tests/data/sections/labels_heldout5.jsonl and tests/data/real_heldout5_sections.jsonl.
"""

SPEC = [
    dict(
        id="2015-07-24.zip#26",
        drop=["عبير الدخيل"],
        sections=[(None, "الكثير منا شاهد مقطع التحرش", [], ["SA", "SA-02"])],
        ends="ودمتم ..",
        furniture=["عبير الدخيل"],
        note="column: the writer's name opens the body; the closing 'ودمتم ..' is the writer's own (body); "
        "Jeddah only in the title",
    ),
    dict(
        id="2015-08-02.zip#51",
        drop=["عمر ابراهيم – عين اليوم", "سمات التجنيد"],
        sections=[
            (
                None,
                "كتبت أقصى محمود وهي جهادية",
                ["GB", "SY", "SY-RA"],
                ["TR", "GB-SCT", "GB-GLG"],
            )
        ],
        ends="اذا قمن بأي سلوك مخالف",
        furniture=["عمر ابراهيم – عين اليوم", "سمات"],
        note="quoted lines in the body; tag list on its own line",
    ),
    dict(
        id="2015-08-09.zip#138",
        sections=[(None, "كشفت وزارة الداخلية السعودية هوية", ["SA", "SA-14"], ["BD"])],
        ends="هذه البلاد المباركة وأهلها.",
        furniture=[],
        note="official statement: ordinal items (أولاً:, ثانيًا:) and a numbered list of names are body",
    ),
    dict(
        id="2015-07-21.zip#43",
        drop=["...المزيد"],
        sections=[(None, "شن تنظيم داعش أول هجوم", ["TR", "SY", "CY"], ["TR-34", "TR-63", "SY-HL"])],
        ends="احتجاجًا على التفجير الدامي.",
        furniture=["...المزيد"],
        note="teaser tail",
    ),
    dict(
        id="2015-07-24.zip#964",
        sections=[(None, "ذكر مسؤول بالحياة البرية", ["MY"], ["ID", "MY-12", "MY-14"])],
        ends="للحماية تماما في ماليزيا.",
        furniture=[],
        note="",
    ),
    dict(
        id="2015-08-06.zip#719",
        sections=[(None, "أوضحت وزارة الصحة والشؤون الصحية", ["SA", "SA-01", "SA-02", "SA-04"], ["US"])],
        ends="إلى جانب المواطنين .",
        furniture=[],
        note="the US named only as the seat of a disease centre whose guidelines are cited (optional)",
    ),
    dict(
        id="2015-08-06.zip#856",
        drop=["مقالات أخرى للكاتب"],
        sections=[(None, "قررت مؤخراً تغيير", [], ["SA"])],
        ends="وعلى دروب الخير نلتقي.",
        furniture=["مقالات أخرى للكاتب"],
        note="column: the writer's closing formula is body; the glued list of his other columns is furniture",
    ),
    dict(
        id="2015-07-31.zip#725",
        sections=[(None, "صادق الكنيست الإسرائيلي", ["IL", "PS", "PS-JEM", "PS-HBN"], ["PS-GZA"])],
        ends="في المدينة المقدسة.",
        furniture=[],
        note="",
    ),
    dict(
        id="2015-07-25.zip#671",
        sections=[
            (None, "تقام اليوم مبارتان", ["EG"], ["IQ", "SA", "EG-JS"]),
            ("موقف المنتخبات", "الفريق المصري المرشح", ["SA", "EG", "DZ", "IQ"], []),
            ("أفضل اللاعبين", "يتنافس ناصر أبوجلاس", [], ["SA", "EG"]),
            ("تقرير لإدارة الاتحاد", "أكد عضو اللجنة الفنية", [], ["EG"]),
        ],
        ends="مواعيد مناسبة لإقامتها».",
        furniture=[],
        note="standings by team: national teams named by their country are that country; "
        "players' nationalities in brackets optional; dashed items are body",
    ),
    dict(
        id="2015-08-07.zip#618",
        sections=[(None, "وافق صاحب السمو الأمير بدر", ["SA", "SA-04"], [])],
        ends="وغيرها من الوظائف.",
        furniture=[],
        note="",
    ),
    dict(
        id="2015-08-11.zip#746",
        sections=[(None, "تلقى الزميل الأستاذ تركي", [], [])],
        ends="عبدالله العلي النعيم",
        furniture=[],
        note="a letter quoted in full: its address line, greeting and signature lines are the letter's text "
        "(body), as for the cable in the fourth sample; «الرياض» is the newspaper",
    ),
    dict(
        id="2015-08-07.zip#1007",
        sections=[(None, "أعلنت وزارة الصحة اليوم الجمعة", ["SA", "SA-01"], [])],
        ends="خلال الـ24 ساعة الماضية.",
        furniture=[],
        note="",
    ),
    dict(
        id="2015-07-22.zip#1415",
        sections=[(None, "حتماً، سيأتي متحذلق", [], [])],
        ends="فتحوله إلى عقائد دينية!",
        furniture=[],
        note="column quoting verse (two-line couplets, one opening line ending with a colon): body",
    ),
    dict(
        id="2015-08-09.zip#785",
        sections=[
            (
                None,
                "يعكف محققون من هيئة التحقيق",
                ["SA", "SA-01", "SA-02", "SA-03", "SA-04", "SA-05", "SA-14"],
                [],
            )
        ],
        ends="توجيه تهمة الإهمال لهما.",
        furniture=[],
        note="",
    ),
    dict(
        id="2015-07-31.zip#1621",
        drop=["من خلال الروابط التالية", "حركة النقل الداخلي بن", "https://", "رابط الخبر"],
        sections=[(None, "اعتمد مدير التعليم الأستاذ", [], ["SA", "SA-01"])],
        ends="متمنيا للجميع التوفيق.",
        furniture=["https://dc1.safesync.com", "رابط الخبر بصحيفة الوئام"],
        note="a judgement: the links to the two PDF lists, with their labels and the line introducing them, "
        "are link furniture like the link-back; Dawadmi only in the title",
    ),
    dict(
        id="2015-07-21.zip#1875",
        cut=[" رابط الخبر بصحيفة الوئام"],
        sections=[(None, "تلقت غرف عمليات هيئة الهلال", ["SA", "SA-04"], [])],
        ends="حالة وفاة واحدة من المرضية.",
        furniture=["رابط الخبر بصحيفة الوئام"],
        note="link-back glued to the paragraph",
    ),
    dict(
        id="2015-08-10.zip#1271",
        sections=[(None, "يقولون إن الفنون تحارب التطرف", ["JP"], ["DZ", "FR", "IQ", "US"])],
        ends="ولكم تحياتي..",
        furniture=[],
        note="column: 'اقترب أكثر..' and the 'هل تعلم' questions are body, not headings",
    ),
    dict(
        id="2015-07-21.zip#2219",
        sections=[(None, "توجت مساء الاحد مريم", ["SA", "SA-04"], [])],
        ends="وزكي سعيد العمران.",
        furniture=[],
        note="the contest is named after Qatif",
    ),
    dict(
        id="2015-07-21.zip#2371",
        sections=[(None, "انتهى الفنان العراقي وليد", [], ["IQ", "SA", "SA-01"])],
        ends="في ملعبي او ملعبك",
        furniture=[],
        note="song lyrics with a repeated chorus are body; Najd only in the lyrics (optional)",
    ),
    dict(
        id="2015-07-21.zip#2331",
        sections=[(None, "في بادرة هي الأولى من نوعها", [], ["SA", "SA-01"])],
        ends="على الإسعافات الأولية.",
        furniture=[],
        note="",
    ),
    dict(
        id="2015-08-11.zip#1331",
        sections=[(None, "ربما يفتقر دالي بليند", [], ["GB", "GB-ENG", "GB-MAN", "NL"])],
        ends='لذا فانني سعيد بهذا."',
        furniture=[],
        note="clubs' and players' countries optional",
    ),
    dict(
        id="2015-08-11.zip#1333",
        sections=[
            (None, "أعلن وست بروميتش البيون", [], ["GB", "GB-ENG", "GB-MAN", "VE", "RU", "RU-SPE", "NG"])
        ],
        ends="قبل بداية الموسم الماضي.",
        furniture=[],
        note="clubs' and players' countries optional (Zenit Saint Petersburg is a club)",
    ),
    dict(
        id="2015-07-31.zip#1961",
        sections=[(None, "بعث صاحب السمو الملكي الأمير محمد", ["EG", "SA"], [])],
        ends="وزير الدفاع",
        furniture=[],
        note="a cable quoted in full: address lines, greeting, closing greeting and signature are body",
    ),
    dict(
        id="2015-08-01.zip#1095",
        sections=[(None, "قطع المدافع الدولي أسامة", ["SA", "SA-02"], ["CH"])],
        ends="مدافع مورجس السويسري.",
        furniture=[],
        note="",
    ),
    dict(
        id="2015-08-01.zip#1276",
        strip=["عمر عريبي- سبق- طريب: "],
        sections=[(None, "اختتم المكتب التعاوني للدعوة", ["SA", "SA-14"], [])],
        ends="٩٩٩١١٢٦١٦١٩٠٠٠٢",
        furniture=["عمر عريبي"],
        note="a judgement: the donation accounts the appeal closes with (label line, number line) are body, "
        "not headings and not contact furniture",
    ),
    dict(
        id="2015-07-21.zip#2750",
        strip=["سبق- وكالات: "],
        sections=[(None, "حملت اتفاقية الاستعمال", [], ["US"])],
        ends="في 29 من يوليو الجاري.",
        furniture=["سبق- وكالات"],
        note="paragraphs joined by runs of spaces in one line",
    ),
    dict(
        id="2015-08-10.zip#1521",
        drop=["بروكسل 25 شوال", "// انتهى //", "18:34 ت م"],
        sections=[(None, "أعلنت المفوضية الأوروبية في بروكسل", ["BE"], ["BE-BRU"])],
        ends="على المستويات المحلية والإقليمية.",
        furniture=["بروكسل 25 شوال", "// انتهى //", "18:34 ت م"],
        note="SPA: dateline line, end mark and time stamp",
    ),
    dict(
        id="2015-08-10.zip#1567",
        drop=["الرياض 25 شوال", "//انتهى//", "13:37 ت م"],
        sections=[(None, "اعتمد معالي وزير الشؤون البلدية", [], ["SA", "SA-01"])],
        ends="ابتداءً من 1 /6 /1437هـ.",
        furniture=["الرياض 25 شوال", "//انتهى//", "13:37 ت م"],
        note="SPA: dateline line, end mark written without spaces, time stamp",
    ),
    dict(
        id="2015-08-06.zip#1202",
        sections=[(None, "لم أكن أعلم أو أتصور", ["SA", "KW"], [])],
        ends="في متناول الأسر الفقيرة.",
        furniture=[],
        note="",
    ),
    dict(
        id="2015-07-24.zip#1332",
        sections=[(None, "قال مسؤولون دفاعيون أمريكيون", ["US", "TR"], ["TR-01"])],
        ends="وأحالوا الاستفسارات إلى تركيا.",
        furniture=[],
        note="",
    ),
]
