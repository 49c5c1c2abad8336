"""The editor's blind labels for the seventh held-out SaudiNewsNet sample (scripts/sample_heldout7.py).

Written from the crawled text alone, before Nashra's own cut or tags were looked at; the format is
scripts/heldout_build.py's. scripts/build_heldout7.py turns this into
tests/data/sections/labels_heldout7.jsonl and tests/data/real_heldout7_sections.jsonl. Subdivisions of
countries outside the Arab League are optional (the gazetteer holds first-level subdivisions of Arab
League members only), as in the earlier rounds; a city named only in a dateline or byline is optional,
clubs are not places, a national team is its country.
"""

SPEC = [
    dict(
        id="2015-07-24.zip#529",
        drop=["Next Previous", "حامد القرشي، إبراهيم الحذيفي"],
        sections=[(None, "حاصر طلاب جامعة أم القرى", ["SA", "SA-02"], [])],
        ends="المشاركين في فعاليات هذه الندوة.",
        furniture=["Next Previous", "حامد القرشي، إبراهيم الحذيفي – مكة المكرمة"],
        note="slider remnant 'Next Previous' and a byline line with its dateline before the lead",
    ),
    dict(
        id="2015-07-21.zip#583",
        drop=["(*1): لا يستحق"],
        sections=[(None, "* Terminator Genisys", [], ["US"])],
        ends="لعل الجمهور المنتظر يعود يومًا.",
        furniture=["(*1): لا يستحق"],
        note="film review: the starred credits card (title, director, cast, rating) opens the body; the "
        "rating legend closing it is furniture",
    ),
    dict(
        id="2015-07-31.zip#650",
        drop=["* شاعر سعودي"],
        sections=[(None, "الذَاكرة تغني ..", [], ["EG", "EG-C"])],
        ends="واستيقظت في كوب القهوة!",
        furniture=["* شاعر سعودي"],
        note="a free-verse poem of short lines, its first line repeated; the starred poet credit is "
        "furniture; the Cairo café is never placed",
    ),
    dict(
        id="2015-07-31.zip#759",
        drop=["- محمد الخضري"],
        sections=[(None, "كنت ذات يوم هنا...", [], [])],
        ends="ويعود بعد ألف عام",
        furniture=["- محمد الخضري"],
        note="two poems of short lines; the bare line «رؤى» recurs inside the second as its refrain, so "
        "it heads nothing; the dashed poet credit closing it is furniture",
    ),
    dict(
        id="2015-08-06.zip#1285",
        drop=[
            "zash113@gmail.com",
            "للتواصل مع الكاتب",
            "تبدأ بالرمز (51)",
            "88591 - Stc",
            "635031 -",
            "737221 -",
        ],
        sections=[(None, "استبشر المثقفون وتهللت أسارير", ["SA", "SA-02"], ["SA-01"])],
        ends="للداخل والخارج.",
        furniture=["zash113@gmail.com", "للتواصل مع الكاتب", "88591 - Stc", "737221 - Zain"],
        note="column: e-mail and the SMS contact block (one line per operator) close it as furniture; the "
        "Riyadh book fair only as the writer's past experience (optional)",
    ),
    dict(
        id="2015-08-06.zip#1777",
        drop=["شعر / أحمد بن محمد العضيدان"],
        sections=[(None, "مََلّن عيوني من بكاهن للأطلال", [], [])],
        ends="إن حدّرن من شارعٍ أورِقَنْيا",
        furniture=["شعر / أحمد بن محمد العضيدان"],
        note="a Nabati poem, one couplet half per line, its first half repeating the title; poet credit "
        "at the end",
    ),
    dict(
        id="2015-08-04.zip#810",
        sections=[(None, "للغيوم المضيئة خلف الجبال", ["SA", "SA-14"], [])],
        ends="الحصول على واحدة منها.",
        furniture=[],
        note="column opening on three quoted verse lines; a short line ending with a colon introduces "
        "the question (body)",
    ),
    dict(
        id="2015-07-25.zip#1148",
        drop=["رابط الخبر بصحيفة الوئام"],
        sections=[(None, "صدر اليوم أمر ملكي فيما يلي نصه", ["SA"], [])],
        ends="سلمان بن عبدالعزيز آل سعود",
        furniture=["رابط الخبر بصحيفة الوئام"],
        note="a royal order quoted in full: number, date, invocation, the king's name and signature are "
        "its text (body); link-back on its own line",
    ),
    dict(
        id="2015-07-26.zip#1129",
        drop=["الكشافة السعودية في الماضي", "أحد القادة الكشفيين", "مشاركون في معسكر اليابان"],
        sections=[(None, "تشارك جمعية الكشافة العربية السعودية", ["SA", "JP"], ["GR", "SE", "JP-35"])],
        ends="87 جمعية كشفية وطنية.",
        furniture=["الكشافة السعودية في الماضي", "أحد القادة الكشفيين السعوديين", "مشاركون في معسكر اليابان"],
        note="SPA copy; three photo captions close it; Greece and Sweden only as past hosts (optional)",
    ),
    dict(
        id="2015-07-21.zip#2308",
        drop=["كواك بمفرده يمثل", "عبدالكريم الحمد - الرياض"],
        sections=[
            (
                None,
                "تأكد رسمياً استبعاد لاعب منتخب الإكوادور",
                ["EC", "BR", "KR"],
                ["SA", "MX", "CO", "FR", "CH", "HN"],
            )
        ],
        ends="يمثل الملاعب السعودية في المونديال.",
        furniture=["عبدالكريم الحمد - الرياض"],
        note="deck, then the byline repeated, before the lead; clubs are not places; the group's other "
        "teams and the friendly's opponent optional",
    ),
    dict(
        id="2015-08-11.zip#1324",
        drop=["دبي- الرياضية"],
        sections=[(None, "استضافت شفروليه جلسة إفطار", ["AE", "AE-DU"], ["US"])],
        ends='خلال القيادة على الطرقات".',
        furniture=["دبي- الرياضية"],
        note="press release with its dateline on its own line; the road-safety administration is not placed",
    ),
    dict(
        id="2015-08-06.zip#2945",
        drop=["www.alehaidib.com", "للتواصل أرسل sms", "ثم الرسالة"],
        sections=[(None, "تماما مثل ما حدث في السنة", ["SA"], ["AE", "AE-DU"])],
        ends="هدفك هو المريض الضعيف.",
        furniture=["www.alehaidib.com", "للتواصل أرسل sms"],
        note="column: website and the SMS contact line, broken over two lines, are furniture; Dubai only "
        "as a merchants' threat (optional)",
    ),
    dict(
        id="2015-07-22.zip#1998",
        strip=["سبق- الرياض: "],
        sections=[(None, "أقام ديوان المظالم ممثلاً", ["SA"], ["SA-01"])],
        ends="والأمن والاستقرار.",
        furniture=["سبق- الرياض:"],
        note="one paragraph opening with the dateline; Riyadh only in it",
    ),
    dict(
        id="2015-08-11.zip#1617",
        drop=["الرياض 26 شوال", "// انتهى //", "17:21 ت م"],
        sections=[(None, "حددت اللجنة العامة للانتخابات", ["SA", "SA-01", "SA-02", "SA-03", "SA-04"], [])],
        ends="( 17 ) يوماً عدا أيام الجمع.",
        furniture=["الرياض 26 شوال", "// انتهى //", "17:21 ت م"],
        note="SPA wire copy: dateline line, end mark and time stamp are furniture; the seven big "
        "municipalities name four regions",
    ),
    dict(
        id="2015-07-22.zip#1702",
        sections=[(None, "اعتمد صاحب السمو الملكي الأمير فيصل", ["SA", "SA-14"], [])],
        ends="والعروض الإنشادية.",
        furniture=[],
        note="one long paragraph",
    ),
]
