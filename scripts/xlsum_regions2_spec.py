"""The editor's blind region labels for the second BBC Arabic sample (scripts/sample_xlsum_regions2.py).

Written from the article bodies alone, before Nashra's tags were looked at, with the fields and
conventions of the first sample (scripts/xlsum_regions_spec.py): ``row``, ``starts``, ``regions``
(required), ``optional`` and ``forbidden`` codes, and a ``note``. A country standing as an actor (its
government, army, a people as a party to the story) or as the place where the story happens is required;
one named only in passing, through an institution named after it, in a biography or as a private
person's nationality is optional. A city counts for its country and, for an Arab League country, for its
first-level subdivision; subdivisions of other countries are optional. As in the earlier rounds
(heldout2_sections.jsonl), «قطاع غزة» or Gaza meaning the whole Strip is PS only, the Gaza governorate
optional. scripts/build_xlsum_regions2.py writes them, with the bodies, to
tests/data/xlsum_regions2.jsonl.
"""

SPEC = [
    dict(
        row=25,
        starts="المسبار الروبوتي: الأمل",
        regions=["AE", "AE-DU", "CN", "JP", "US"],
        optional=["IN", "JP-46", "RU", "US-CO"],
        forbidden=["GB"],
        note="the UAE's Mars probe, built in Dubai and Colorado, launched from Tanegashima in Japan; the US "
        "and China launch probes too; Russia and India only in a comparison; «بتوقيت غرينيتش» is a time",
    ),
    dict(
        row=32,
        starts="الرئيس أوباما تحدث إلى",
        regions=["RU", "US"],
        optional=["UA", "US-DC", "US-NY"],
        forbidden=[],
        note="the INF treaty dispute; Ukraine's crisis is background; a correspondent in Washington; "
        "the New York Times is a newspaper",
    ),
    dict(
        row=35,
        starts="المحكمة العليا ستصدر حكما",
        regions=["IR", "LY", "SD", "SO", "SY", "US", "YE"],
        optional=["US-VA"],
        forbidden=[],
        note="the countries whose citizens the travel ban covers are required (as the first round's food "
        "ban); an appeals court in Virginia",
    ),
    dict(
        row=37,
        starts="أصدرت اليابان مذكرة اعتقال",
        regions=["JP", "LB", "LB-BA", "TR"],
        optional=["JP-13", "TR-34"],
        forbidden=[],
        note="Ghosn fled Japan to Beirut through Istanbul; Turkish police and a Turkish airline; Nissan "
        "and Renault are companies",
    ),
    dict(
        row=44,
        starts="تغير المناخ أخطر على",
        regions=["CA", "GB", "RU", "TH", "US"],
        optional=[],
        forbidden=[],
        note="the CITES meeting in Thailand; bears hunted in Canada; the US and Russian governments back "
        "the ban, Britain voted against it; the EU is no country",
    ),
    dict(
        row=46,
        starts='تدعم حملة "تجرد"',
        regions=["EG", "EG-ALX", "EG-C"],
        optional=[],
        forbidden=[],
        note="Cairo (also «بالقاهره»), Nasr City, Alexandria",
    ),
    dict(
        row=48,
        starts='سعي لمعرفة "الضالعين"',
        regions=["GB", "LY"],
        optional=["GB-SCT"],
        forbidden=[],
        note="Scottish prosecutors and the British Foreign Office ask Libya's council; Lockerbie",
    ),
    dict(
        row=50,
        starts="شارك فرديناند مع مانشستر",
        regions=["GB"],
        optional=["GB-ENG", "GB-MAN", "HU", "RU", "RU-MOW"],
        forbidden=[],
        note="Manchester United and the English league; the 2008 final in Moscow and a Hungarian club are "
        "career history",
    ),
    dict(
        row=51,
        starts="يعتقد أن هناك آلاف",
        regions=["SY", "SY-HI", "US"],
        optional=["CH", "CH-GE"],
        forbidden=["GB"],
        note="Homs; Mekdad accuses the US of delay; «مؤتمر جنيف 2» is a conference's name; "
        "«0930 غرينتش» is a time",
    ),
    dict(
        row=54,
        starts="يُعد مقتل البغدادي انتصارا",
        regions=["US"],
        optional=["CH", "SY", "US-DC"],
        forbidden=[],
        note="Syria only in a caption (withdrawal from northern Syria); «اتفاقية جنيف» is a convention; "
        "leaks in Washington",
    ),
    dict(
        row=62,
        starts="أرشيف- الرئيس مرسي",
        regions=["EG"],
        optional=[],
        forbidden=[],
        note="a cabinet reshuffle; «قصر الاتحادية» is unnamed as a city",
    ),
    dict(
        row=66,
        starts="بوبي شارلتون ولوي فان",
        regions=["GB"],
        optional=["DE", "DE-BY", "ES", "ES-CT", "GB-ENG", "GB-MAN", "NL"],
        forbidden=[],
        note="Van Gaal at Manchester United and the English league; the Dutch team, Ajax, Barcelona and "
        "Bayern Munich are his career",
    ),
    dict(
        row=67,
        starts="هناك نحو 400 لاجئ",
        regions=["JO", "JO-MA", "SY"],
        optional=["CH", "CH-GE"],
        forbidden=[],
        note="Zaatari camp in Mafraq governorate; a UNHCR spokeswoman in Geneva",
    ),
    dict(
        row=75,
        starts="تعمل في المجمع الصناعي",
        regions=["KP", "KR"],
        optional=["KP-01"],
        forbidden=["GB"],
        note="Kaesong reopens; Pyongyang as an actor; «بتوقيت غرينتش» is a time",
    ),
    dict(
        row=78,
        starts="يتعهد المتمردون بالإطاحة",
        regions=["CF", "FR", "GA", "TD", "US"],
        optional=["CF-BGF", "GA-1"],
        forbidden=[],
        note="Central African Republic (Bangui, Sibut, Bambari); France and the US refuse help; French "
        "troops from Gabon, talks in Libreville; Chadian troops withdraw",
    ),
    dict(
        row=79,
        starts="تعهدت نيجيريا بإرسال",
        regions=["BF", "BJ", "DE", "FR", "GB", "GH", "ML", "NE", "NG", "SN", "TD", "TG"],
        optional=["ML-BKO", "NG-KD"],
        forbidden=[],
        note="every country pledging troops or aircraft is an actor; Niger and Nigeria both named; a "
        "correspondent in Kaduna; Bamako, Diabaly",
    ),
    dict(
        row=89,
        starts="وأكد المشاركون في المؤتمر",
        regions=["TR"],
        optional=["GB", "GB-ENG", "GB-HMF", "GB-LND", "GB-SHF"],
        forbidden=[],
        note="the conference met in Turkey; the first IVF baby born in Britain is history; Hammersmith "
        "hospital and Sheffield University are the experts' seats",
    ),
    dict(
        row=100,
        starts="حسن يستعد لمباراتين",
        regions=["JO", "SY", "UZ"],
        optional=["BR", "EG", "JO-AM", "JO-IR"],
        forbidden=["US"],
        note="Jordan's team meets Syria and Uzbekistan; an Egyptian coach; Al-Ramtha and Al-Wehdat are "
        "clubs; «تصفيات أمريكا الجنوبية» is South America; the World Cup in Brazil",
    ),
    dict(
        row=101,
        starts='حركة "السترات الصفراء"',
        regions=["FR"],
        optional=[],
        forbidden=[],
        note="",
    ),
    dict(
        row=114,
        starts="ظلت السيدة كلينتون تدافع",
        regions=["LY", "LY-BA", "US"],
        optional=["US-NY"],
        forbidden=[],
        note="the attack on the US consulate in Benghazi is what Congress investigates; the New York "
        "Times is a newspaper",
    ),
    dict(
        row=117,
        starts="تحدث توشيهيرو نيكاي",
        regions=["JP"],
        optional=["JP-13"],
        forbidden=[],
        note="the Tokyo Olympics and Tokyo's governor; Toyota is a company",
    ),
    dict(
        row=118,
        starts="جوائز رابطة الكتاب الأمريكية",
        regions=["US"],
        optional=["US-CA"],
        forbidden=[],
        note="the Writers Guild of America awards at the Hollywood Palladium",
    ),
    dict(
        row=126,
        starts="وكانت تفجيرات لندن",
        regions=["GB"],
        optional=["GB-ENG", "GB-LND"],
        forbidden=[],
        note="the 7 July London bombings remembered; King's Cross",
    ),
    dict(
        row=128,
        starts="وصل حسين إلى منزله",
        regions=["EG", "EG-C", "QA", "QA-DA", "SA"],
        optional=["AU", "CN", "FR", "FR-75C", "FR-IDF", "TR"],
        forbidden=["SD", "SD-GZ"],
        note="an Al Jazeera journalist freed in Cairo as Egypt and Qatar mend ties; the boycott of Doha led "
        "by Saudi Arabia; his daughter in Paris and an Australian journalist are private persons; China and "
        "Turkey in a comparison; «الجزيرة» is the channel, not Sudan's Gezira",
    ),
    dict(
        row=130,
        starts="هرعت فرق الانقاذ الى",
        regions=["PK"],
        optional=["PK-IS", "PK-KP", "PK-TA"],
        forbidden=[],
        note="the International Islamic University in the capital (Islamabad, unnamed); South Waziristan",
    ),
    dict(
        row=134,
        starts="قتل قاسم سليماني ضمن",
        regions=["IQ", "IQ-BG", "IR", "KW", "US"],
        optional=["CH", "IR-23", "LB", "SY", "US-DC"],
        forbidden=["PS", "PS-JEM"],
        note="Soleimani killed at Baghdad airport; troops sent to Kuwait; the Swiss chargé d'affaires "
        "only as the channel; Syria and Lebanon in his biography; «فيلق القدس» is an Iranian unit, not "
        "Jerusalem; West Asia and the Middle East are no countries",
    ),
    dict(
        row=137,
        starts="مظاهرات مناصرة لفلسطين",
        regions=["IL", "PS", "US"],
        optional=["GB", "LB", "NO", "PS-GZA", "US-CA", "US-DC", "US-MI"],
        forbidden=[],
        note="a review of British papers on US politics and the Gaza war; Gaza is the Strip; Los Angeles, "
        "Washington and Michigan; Israel's invasion of Lebanon is history; the Norwegian Refugee Council "
        "is an institution",
    ),
    dict(
        row=139,
        starts="وقعت باريس جاكسون تعاقدا",
        regions=[],
        optional=["US"],
        forbidden=["FR", "FR-75C", "FR-IDF"],
        note="«باريس جاكسون» is Michael Jackson's daughter, not Paris; no place is named",
    ),
    dict(
        row=158,
        starts="وزير الخارجية الإندونيسي",
        regions=["BN", "CN", "ID", "KH", "MY", "PH", "TW", "VN"],
        optional=["CN-BJ", "PH-00"],
        forbidden=[],
        note="ASEAN and the South China Sea: China and Vietnam clash; Indonesia's and Cambodia's ministers "
        "speak; Manila holds a Chinese boat; Brunei, Malaysia, the Philippines and Taiwan claim waters",
    ),
    dict(
        row=161,
        starts="وكان الحريري قد شدد",
        regions=["LB", "LB-BA", "LB-JA"],
        optional=["GB", "GB-LND", "IL", "SA"],
        forbidden=["PS", "PS-JEM"],
        note="Lebanese papers on Hariri; Beirut and Sidon; «القدس العربي اللندنية» and «العرب اللندنية» are "
        "London papers, not Jerusalem; Saudi acceptance and Israel's resistance in quotes",
    ),
]
