"""The editor's blind labels for the third held-out SaudiNewsNet sample (scripts/sample_heldout3.py).

Written from the crawled text alone, before Nashra's own cut or tags were looked at. For each article:
``drop`` lines (by their opening words) that are furniture, ``strip`` a dateline opening a paragraph,
``cut`` inline furniture closing a paragraph (everything from the marker on), ``sections`` as
(heading, starts, regions, optional), ``ends`` the last words, ``furniture`` what must open or close no
paragraph. scripts/build_heldout3.py turns this into tests/data/sections/labels_heldout3.jsonl and
tests/data/real_heldout3_sections.jsonl.
"""

SPEC = [
    dict(id="2015-07-24.zip#408", drop=["عين اليوم – جدة", "سمات جناح"], sections=[
        (None, "تداول نشطاء على مواقع", ["AE", "AE-DU"], [])],
        ends="مستعرضا صقوره التي تتوزع على امتداد الجناح.", furniture=["عين اليوم – جدة", "سمات"],
        note="tag list line at the end"),
    dict(id="2015-08-02.zip#41", drop=["رغد عشميل"], cut=[" سمات التصفح"], sections=[
        (None, "أضافت الخطوط الجوية العربية", ["SA", "CA", "ID", "US", "GB", "FR", "MA", "MA-06", "TN", "EG",
         "EG-C", "TR", "LB", "LB-BA", "KW", "AE", "AE-DU", "SG", "MY"], ["TN-11", "KW-KU"])],
        ends="خلال شهر مايو من العام المقبل.", furniture=["رغد عشميل"],
        note="tag list glued to the end of the last paragraph; a list of destinations"),
    dict(id="2015-07-21.zip#566", strip=["* كابل - «الشرق الأوسط»: ", "* سيدني - «الشرق الأوسط»: ",
         "* نجامينا - «الشرق الأوسط»: ", "* كويتا - «الشرق الأوسط»: "], sections=[
        ("مقتل 6 من عناصر الشرطة في أفغانستان", "قتل ستة من عناصر الشرطة", ["AF", "PK"], []),
        ("اشتباكات عنيفة في سيدني بين معادين للإسلام ومناهضين للعنصرية", "اشتبك قوميون أستراليون", ["AU"], []),
        ("مقتل 19 من جماعة بوكو حرام في تشاد", "قال مصدر عسكري إن 19", ["TD", "NG"], []),
        ("تفجير انتحاري يهز جامعة جنوب شرقي باكستان", "قتل ما لا يقل عن شخصين", ["PK"], [])],
        ends="وحارس الأمن الذي اعترضه».", furniture=["كابل - «الشرق الأوسط»"],
        note="news roundup: starred headlines, each item opened by its own dateline"),
    dict(id="2015-07-31.zip#381", sections=[(None, "حذر انياسيو مارينو رئيس", ["IT", "US", "VA"], [])],
         ends="وضع البنى التحتية والخدمات العامة.", furniture=[], note=""),
    dict(id="2015-08-06.zip#450", sections=[(None, "احتل الممثل الأمريكي الشهير", ["US", "IN"], ["CN"])],
         ends="على أسماء الممثلين الرجال.", furniture=[], note="nationality of a person is optional"),
    dict(id="2015-08-03.zip#265", sections=[(None, "كشفت دراسة علمية حديثة", ["CA"], ["US"])],
         ends="للتواصل الفوري مع الآخرين.", furniture=[], note="US only through outlets and an academy"),
    dict(id="2015-07-26.zip#481", drop=["* *"], sections=[(None, "- عهد جديد يدخله النادي", [], ["SA"])],
         ends="وشاشات الفضائيات.", furniture=[], note="column of dashed items split by '* *' lines"),
    dict(id="2015-08-11.zip#502", sections=[(None, "ضمن برنامج «تطوير الفتيات»", ["SA", "SA-02"], [])],
         ends="والاضاءة الفوتوغرافية.", furniture=["هلال الثبيتي"], note=""),
    dict(id="2015-08-11.zip#576", drop=["twitter:", "ahkhalil25"], sections=[
        (None, "أحيانًا يصعب علينا أن نأخذ", [], [])],
        ends="فوائدك", furniture=["twitter:@Dr_AhmedKhalil", "ahkhalil25@hotmail.com"],
        note="author contact lines close the column"),
    dict(id="2015-08-10.zip#650", sections=[(None, "كشفت مصادر قريبة من البيت", ["GB", "AT"], ["SA"])],
         ends="لخوض المباراة أمام النصر.", furniture=[], note="clubs are not places"),
    dict(id="2015-08-01.zip#572", drop=["شعر - "], sections=[(None, "يابدير عان أبيوتهم طويني", [], [])],
         ends="ماني براجٍ انه يجيني ولا أجيه", furniture=["شعر - عبدالمعين بن ثعلي"],
         note="poem: short verse lines are not headings; poet credit at the end"),
    dict(id="2015-07-26.zip#819", sections=[(None, "ذكر مسؤول حكومي أمس السبت", ["AF"], ["US"])],
         ends="أمس السبت طبقا للشرطة.", furniture=[], note=""),
    dict(id="2015-07-21.zip#1438", sections=[
        (None, "- ثالث أيام عيد الفطر", ["JP"], ["AE", "SA"]),
        ("ع الطاااااااااااااااااير", "- معايدة الاتحاديين لجمهورهم", ["SA", "SA-14", "GB"], ["AR"]),
        ("قفلة", "كل عيد.. والمدرب عن منتخبنا", [], [])],
        ends="و(يا قلب لا تحزن)..!!", furniture=[], note="sports column: two short column sub-headings"),
    dict(id="2015-08-07.zip#1112", sections=[(None, "أسدل الستار أمس عن واحدة", [
        "IQ", "IQ-BG", "SA", "SA-04", "AE", "BH", "BH-13"], [])],
        ends="وإغماض العينين لفترات طويلة.", furniture=[], note=""),
    dict(id="2015-07-31.zip#1450", drop=["رابط الخبر بصحيفة الوئام"], sections=[
        (None, "صدر عن الديوان الملكي اليوم", ["EG"], ["SA"])],
        ends="حفظ الله سموه في سفره وإقامته.", furniture=["رابط الخبر بصحيفة الوئام"],
        note="a short line ending with a colon that introduces a statement is body, not a heading"),
    dict(id="2015-07-21.zip#1749", cut=[" رابط الخبر بصحيفة الوئام"], sections=[
        (None, "مع ازدياد وتيرة الأخبار مؤخرا", [], ["KR"])],
        ends="السابقة للشركة.", furniture=["رابط الخبر بصحيفة الوئام"], note="link-back glued to the paragraph"),
    dict(id="2015-08-02.zip#953", drop=["أحد أركان المهرجان", "ألعاب نارية"], sections=[
        (None, "اختتمت أمس الاول فعاليات مهرجان", ["SA", "SA-04"], [])],
        ends="استنساخها وتطويرها.", furniture=["أحد أركان المهرجان", "ألعاب نارية"], note="two photo captions"),
    dict(id="2015-08-04.zip#1069", sections=[(None, "أعلنت شركة تويوتا موتور كورب", ["JP"], ["DE"])],
         ends="خلال الفترة نفسها.", furniture=[], note=""),
    dict(id="2015-07-21.zip#2385", drop=["الرياضي ـ جدة"], sections=[
        (None, "عاد الفنان فهد الكبيسي", [], [])],
        ends="آخر أخباره وأهمها.", furniture=["الرياضي ـ جدة"], note="repeated dateline line; anthem verses are body"),
    dict(id="2015-07-21.zip#2334", sections=[(None, "قاد المحترفان الاجنبيان", [], ["SA", "BR", "CI", "JO"])],
         ends="امام الهلال.", furniture=[], note="player nationalities are optional"),
    dict(id="2015-08-11.zip#1337", drop=["."], sections=[
        (None, "يختتم المنتخب السعودي لل ناشئين", ["SA", "MA", "MA-04", "TN"], []),
        ("بتال يحتفي", "احتفى رئيس البعثة بتال", ["MA", "MA-04"], []),
        ("جورج : القادم أفضل", "أكد مدرب المنتخب جورج", ["TN"], []),
        ("وسام : هدفنا البطولة", "أكد لاعب المنتخب وسام", ["TN"], [])],
        ends="بذهب البطولة\".", furniture=["Sunday, 09 August 2015"],
        note="dashed sub-headings 'NAME : QUOTE'; a lone '.' line"),
    dict(id="2015-08-11.zip#1344", sections=[(None, "اختتمت دورة إعداد حكام", ["SA", "SA-07"], [])],
         ends="عملي ونظري للحكام .", furniture=["Wednesday, 17 June 2015"], note=""),
    dict(id="2015-08-03.zip#1193", sections=[(None, "أعرف رجلا يخاف من ركوب", ["SA", "SA-02", "JO", "SY", "TR"], [])],
         ends="لكنت قد وصلت أسرع.", furniture=[], note="column"),
    dict(id="2015-08-10.zip#1445", sections=[(None, "تواصل فرق حرس الحدود", ["SA", "SA-04"], [])],
         ends="في المياه الإقليمية.", furniture=[], note=""),
    dict(id="2015-07-21.zip#2915", strip=["سلطان المالكي- سبق- الرياض: "],
         drop=["رابط المقال الأول", "http://sabq.org"], sections=[
        (None, "مشاكسٌ بمقالاته", [], []),
        ("الحياة العملية :", "* عضو مجلس الشورى منذ", ["SA", "SA-01", "SA-04"], []),
        ("عضوية مجالس ولجان :", "* عضو اللجنة الثقافية", ["US"], ["SA"])],
        ends="الولايات المتحدة الأمريكية من 1990م .", furniture=["رابط المقال الأول", "http://sabq.org"],
        note="CV with dashed sub-headings ending in a colon; link to the writer's first column"),
    dict(id="2015-07-21.zip#2811", strip=["سبق- أبها: "], sections=[
        (None, "لقي وجود فرع وزارة العمل", ["SA", "SA-14"], [])],
        ends="بدرع تذكاري بهذه المناسبة.", furniture=["سبق- أبها"], note="dateline repeated in the body"),
    dict(id="2015-08-10.zip#1605", drop=["الرياض 25 شوال", "// انتهى //", "11:12 ت م"], sections=[
        (None, "تعتزم الهيئة السعودية للمهندسين", [], ["SA"])],
        ends="التي تمتلكها الهيئة.", furniture=["الرياض 25 شوال", "انتهى", "11:12 ت م"], note="SPA wire"),
    dict(id="2015-08-11.zip#1529", drop=["الرياض 26 شوال", "// انتهى //", "12:50 ت م"], sections=[
        (None, "أعلنت إدارة المنتخب السعودي الأولمبي", ["SA", "SA-01", "SK", "AE", "JO", "UZ"], ["BR"])],
        ends="بمنتخب سلوفاكيا الأولمبي.", furniture=["الرياض 26 شوال", "انتهى", "12:50 ت م"],
        note="SPA wire; clubs named after towns are not places"),
    dict(id="2015-07-23.zip#806", sections=[(None, "كشفت دراسة طبية نفسية أميركية", ["US"], [])],
         ends="هم ايضاً من الأسوياء الطبيعيين.", furniture=[], note=""),
    dict(id="2015-08-01.zip#454", sections=[(None, "أنهى فريق الوحدة مباراته", ["EG", "EG-C"], ["UY"])],
         ends="وتمثيل شعار النادي.", furniture=[], note="Egyptian club named after a town is not a place"),
]
