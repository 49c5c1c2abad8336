"""The editor's blind labels for the sixth held-out SaudiNewsNet sample (scripts/sample_heldout6.py).

Written from the crawled text alone, before Nashra's own cut or tags were looked at; the format is
scripts/heldout_build.py's. scripts/build_heldout6.py turns this into
tests/data/sections/labels_heldout6.jsonl and tests/data/real_heldout6_sections.jsonl. Subdivisions of
countries outside the Arab League are optional (the gazetteer holds first-level subdivisions of Arab
League members only), as in the earlier rounds.
"""

SPEC = [
    dict(
        id="2015-08-08.zip#40",
        drop=["Next Previous"],
        sections=[(None, "أوضحت وزارة الداخلية السعودية هوية", ["SA", "SA-14"], ["BD"])],
        ends="على المصابين بالشفاء العاجل .",
        furniture=["Next Previous", "عبدالرحمن الشهري – عين اليوم"],
        note="slider remnant 'Next Previous' glued to the byline line; official statement with ordinals and "
        "a numbered list of names (body); Bangladeshi victims optional",
    ),
    dict(
        id="2015-08-10.zip#27",
        drop=["عمر إبراهيم – عين اليوم"],
        cut=[" سمات الهند"],
        sections=[(None, "أجبرت ضحية اغتصاب هندية", ["IN"], ["IN-GJ", "GB"])],
        ends="إطلاق سراحها من السجن.",
        furniture=["عمر إبراهيم – عين اليوم", "سمات"],
        note="byline line before the lead; tag list glued to the end; the British paper is a source "
        "(optional)",
    ),
    dict(
        id="2015-07-21.zip#570",
        sections=[
            (
                None,
                "* «نحن في حالة حرب",
                ["KW", "EG", "DE", "RS", "IL", "IR", "RU", "CA", "UA"],
                ["DE-BE"],
            )
        ],
        ends="بسبب الصراع في أوكرانيا",
        furniture=[],
        note="'they said' column: starred quotes, each followed by its attribution line; all body; "
        "Kosovo has no ISO 3166 code",
    ),
    dict(
        id="2015-08-10.zip#105",
        sections=[(None, "قالت الشرطة السويدية إنّ شخصين", ["SE"], ["SE-U", "SE-AB"])],
        ends="للاشتباه في ضلوعه بعملية القتل.",
        furniture=[],
        note="London only in the byline",
    ),
    dict(
        id="2015-08-06.zip#579",
        drop=["*شاعر سعودي"],
        sections=[
            ("دخول:", "عينُها كانبثاقِ الضّياءِ", [], []),
            ("مقلة:", "أيّ دنيا من الثّلجِ", [], []),
            ("حاجب:", "واقفا كانَ،", [], []),
            ("هدب:", "أتظلّ تُنافحُ", [], []),
            ("بؤبؤ:", "زئبقٌ يتلاشى", [], []),
            ("بياض:", "يسكبُ الماءَ", [], []),
            ("كحل:", "وحدهُ كانَ يذهلُ", [], []),
            ("إغفاءة:", "حُلُمٌ ذابَ", [], []),
            ("غمزة:", "التقت هدبُها", [], []),
            ("خروج:", "أتُراني وقفتُ لها", [], []),
        ],
        ends="برجاء ...",
        furniture=["*شاعر سعودي"],
        note="a poem in titled fragments: each one-word title with a colon (entry, eye, brow, ... exit) "
        "heads its stanza; the poet's starred credit line closing it is furniture",
    ),
    dict(
        id="2015-08-08.zip#256",
        sections=[(None, "خفض بنك سوسيتيه جنرال الفرنسي", ["US", "IR"], ["FR", "US-TX"])],
        ends="موسم الرحلات الصيفية.",
        furniture=[],
        note="Paris only in the byline; the bank's nationality and the WTI grade name optional",
    ),
    dict(
        id="2015-08-03.zip#430",
        drop=["مقالات أخرى للكاتب"],
        sections=[(None, "كلنا يخطئ، وسواء تعلق", ["YE", "SA", "IR"], [])],
        ends="أن يحول لسانه إلى مشنقة.",
        furniture=["مقالات أخرى للكاتب"],
        note="column: a short question line introducing dashed points is body; the glued list of the "
        "writer's other columns is furniture",
    ),
    dict(
        id="2015-08-04.zip#508",
        drop=["الخمعلي خلال استقباله"],
        sections=[(None, "استقبل مدير عام الشئون الصحية", ["SA", "SA-05"], [])],
        ends="في تجهيز وتشغيل المستشفى.",
        furniture=["الخمعلي خلال استقباله الفريق الهندسي"],
        note="photo caption before the lead",
    ),
    dict(
        id="2015-08-06.zip#1305",
        sections=[
            (None, "ضربت عدد من المنشآت بالمدينة", ["SA", "SA-03"], []),
            ("مخطط البدراني", "أحد العمالة - رفض ذكر اسمه", [], ["SA", "SA-03"]),
            ("المشروعات السكنية", "قال يونس فضل", [], ["SA", "SA-03"]),
        ],
        ends="حالات إغماء كثيرة.",
        furniture=[],
        note="report with two sub-headings (a district, a topic); «المدينة» in the lead's last sentence is "
        "the newspaper",
    ),
    dict(
        id="2015-08-06.zip#1415",
        sections=[(None, "أعربت دولة الكويت عن ادانتها", ["KW", "SA", "SA-14"], [])],
        ends="وشعبها من كل مكروه.",
        furniture=[],
        note="SPA copy with its dateline in the byline field",
    ),
    dict(
        id="2015-08-03.zip#598",
        sections=[(None, "سعادة الأستاذ تركي السديري", [], ["SA"])],
        ends="محمد بن سليمان الصيخان",
        furniture=[],
        note="a reader's letter quoted in full: address lines, 'ختاماً..', closing and signature are the "
        "letter's text (body); «الرياض» is the newspaper",
    ),
    dict(
        id="2015-07-22.zip#776",
        sections=[(None, "أظهر استبيان أعدته شركة إرنست", ["SA", "AE", "OM", "EG"], ["IN"])],
        ends="مكافحة الإفلات من العقاب».",
        furniture=[],
        note="one long paragraph; India only in the name of the survey's region (optional)",
    ),
    dict(
        id="2015-08-10.zip#1002",
        sections=[
            (None, "سيطرت القوات الموالية لحكومة", ["YE", "YE-AB", "YE-AD", "YE-LA", "YE-DA"], ["SA"]),
            (
                "شبوة المعقل الأخير",
                "ومن المتوقع أن تشهد محافظة شبوة",
                ["YE", "YE-SH", "YE-AB", "YE-AD", "YE-LA", "YE-DA"],
                ["SA"],
            ),
            ("انتشار قوات هادي", "ونشرت القوات الموالية لحكومة هادي", ["YE", "YE-AB", "YE-SA"], ["YE-AD"]),
        ],
        ends="عبد الرزاق الأشول.",
        furniture=[],
        note="AFP copy with two sub-headings; the Saudi-led coalition optional; Aden in the last section "
        "only as a health official's seat (optional)",
    ),
    dict(
        id="2015-08-03.zip#837",
        sections=[(None, "شهدت منطقة تبوك أمس", ["SA", "SA-07"], [])],
        ends="لتنظيم حركة السير.",
        furniture=[],
        note="weather report",
    ),
    dict(
        id="2015-07-21.zip#1993",
        cut=[" رابط الخبر بصحيفة الوئام"],
        sections=[(None, "تقول الأرقام إن عدد", [], ["SA"])],
        ends="ونحن نثق بك.",
        furniture=["رابط الخبر بصحيفة الوئام"],
        note="column: short question lines are body; link-back glued to the last paragraph",
    ),
    dict(
        id="2015-08-06.zip#2341",
        drop=["رابط الخبر بصحيفة الوئام"],
        sections=[(None, "أدانت الأمانة العامة لهيئة كبار", ["SA", "SA-14"], [])],
        ends="وليّ ذلك والقادر عليه .",
        furniture=["رابط الخبر بصحيفة الوئام"],
        note="statement quoting a verse of the Quran; link-back on its own line",
    ),
    dict(
        id="2015-08-08.zip#1174",
        sections=[(None, "يـا شاكي الهم زيـح الهم", [], [])],
        ends="حـيـاتك بـهـمّك.. لا تـخرعها",
        furniture=[],
        note="a Nabati poem: one couplet half per line, tatweel for the metre; all body",
    ),
    dict(
        id="2015-08-10.zip#1293",
        sections=[(None, "توفي 21 من كبار السن", ["EG", "EG-C", "EG-MT", "EG-KN"], [])],
        ends="في المنازل السيئة التهوئة.",
        furniture=[],
        note="heat wave; «وحيد سعودي» is a person's name, not Saudi Arabia",
    ),
    dict(
        id="2015-07-21.zip#2325",
        sections=[
            (None, "تتسلط أنظار محبي وعشاق", ["SA", "SA-04", "SA-12"], []),
            ("الأهلي × الشباب", "تتجه قلوب عشاق كرة القدم", ["SA"], ["SA-02"]),
            ("العروبة × الفيصلي", "وفي الجوف يستضيف العروبة", ["SA", "SA-12"], []),
            ("هجر × الرائد", "وعلى أرضية ملعب مدينة الأمير", ["SA", "SA-04"], []),
        ],
        ends="في فخ الخسارة مجدداً.",
        furniture=[],
        note="match-day preview: one 'HOME × AWAY' heading per match; the Jeddah stadium is not named as "
        "Jeddah",
    ),
    dict(
        id="2015-07-21.zip#2360",
        sections=[(None, "استدعى مراسل التلفزيون الأردني", ["JO", "IQ"], [])],
        ends="في خمس دقائق!",
        furniture=[],
        note="Iraq through its national team and the coach's nationality",
    ),
    dict(
        id="2015-08-11.zip#1303",
        sections=[(None, "انطلقت دورة الحكام الترفيع", ["SA", "SA-01"], [])],
        ends='في الفترة المقبلة ".',
        furniture=[],
        note="byline field carries a date stamp",
    ),
    dict(
        id="2015-08-11.zip#1322",
        sections=[(None, "لا أحد يستطيع التنبؤ بالحالة", ["SA", "GB", "AT"], ["GB-ENG"])],
        ends="بحجم النصر والهلال.",
        furniture=[],
        note="column on the Saudi Super Cup played in London; the camp in Austria",
    ),
    dict(
        id="2015-08-10.zip#1487",
        drop=["***"],
        sections=[(None, "كان عليّ أن أتوقف عن الوجوم", [], [])],
        ends="بانتظار أن تمطر.",
        furniture=["***"],
        note="a free-verse poem; its stanzas are parted by '***' rules (furniture), no titles",
    ),
    dict(
        id="2015-08-10.zip#1449",
        sections=[(None, "أشاد مستهلكون بالمنطقة الشرقية", ["SA", "SA-04"], [])],
        ends="حماية للمستهلك من التحاي.",
        furniture=[],
        note="Qatif is in the Eastern Province",
    ),
    dict(
        id="2015-07-21.zip#2917",
        strip=["عاصم الغامدي - سبق – جدة: "],
        drop=["رابط المقال الأول", "http://"],
        sections=[(None, "انضم الكاتب والناقد الدكتور", ["SA", "SA-01"], ["GB", "SA-02"])],
        ends="حول المرأة واللغة.",
        furniture=["عاصم الغامدي - سبق", "رابط المقال الأول", "http://www.sabq.org"],
        note="the byline repeated to open the lead; the link to the writer's first column closes it "
        "(furniture); «جريدة الرياض» is a newspaper, «جامعة الملك سعود بالرياض» the city",
    ),
    dict(
        id="2015-07-31.zip#2145",
        sections=[
            (
                None,
                "المؤمنون الذين سئلوا الله",
                ["SA", "SA-01", "SA-02", "SA-09", "AF", "IQ", "KW", "IR"],
                ["SA-03", "US", "RU"],
            )
        ],
        ends="لخدمة كتابه ..؟",
        furniture=[],
        note="column: paragraphs joined by runs of spaces in one line; the Soviet Union optional (as RU)",
    ),
    dict(
        id="2015-08-10.zip#1610",
        drop=["الرياض 25 شوال", "//انتهى//", "10:49 ت م"],
        sections=[(None, "أوصى مجلس إدارة شركة أسمنت نجران", [], ["SA", "SA-10"])],
        ends="20 أغسطس الجاري.",
        furniture=["الرياض 25 شوال", "//انتهى//", "10:49 ت م"],
        note="SPA: dateline line, end mark, time stamp; Najran only in the company's name",
    ),
    dict(
        id="2015-08-10.zip#1632",
        drop=["الرياض 25 شوال", "// انتهى //", "07:21 ت م"],
        sections=[
            (
                None,
                "توقّعت الرئاسة العامة للأرصاد",
                ["SA", "SA-01", "SA-02", "SA-03", "SA-04", "SA-05", "SA-09", "SA-10", "SA-11", "SA-14"],
                [],
            )
        ],
        ends="خفيف إلى متوسط الموج.",
        furniture=["الرياض 25 شوال", "// انتهى //", "07:21 ت م"],
        note="SPA weather forecast naming the regions one by one",
    ),
    dict(
        id="2015-07-21.zip#1001",
        strip=["البرقان"],
        sections=[(None, "في تصريح خصَّ به", [], ["SA"])],
        ends="من ذي الحجة.",
        furniture=["البرقانفي"],
        note="photo caption (the official's name) glued to the lead's first word; clubs named after cities "
        "(الوحدة, نجران) are clubs",
    ),
    dict(
        id="2015-07-27.zip#146",
        sections=[(None, "أمر الرئيس الكولومبي خوان", ["CO", "CU"], ["CO-BOL", "CO-DC"])],
        ends="المحادثات ستستمر».",
        furniture=[],
        note="Bogota and London in the byline; the Cartagena and Bogota departments optional",
    ),
]
