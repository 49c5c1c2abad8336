"""Every string a user sees from Nashra, one dictionary per language; Arabic is the default.

Replies, buttons and the command menu of the bot, and what the delivery sends unasked (digest titles,
"nothing new", alert and broadcast headers), so a wording or a translation changes here only. The
catalogue sits below every layer (the bot, delivery and digest composition all read it) and imports
nothing of Nashra.

Templates use ``str.format`` fields. Values put into them are already HTML-escaped by the caller
(:func:`bot.handlers.common.esc`), because messages use Telegram's HTML parse mode. A count that meets a
noun is written ``{field:@noun}``: the field's number with the noun of :data:`NOUNS` in the form the
language's grammar asks for (``{audience:@subscribers}`` -> "مشترك واحد", "3 مشتركين", "20 مشتركاً").
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import cache
from typing import Literal

from babel import Locale

DEFAULT_LANGUAGE = "ar"
LANGUAGES = ("ar", "en")

AR: dict[str, str] = {
    "welcome": (
        "<b>أهلاً بك في نشرة</b> 📰\n"
        "أرسل لك ملخصاً قصيراً لأخبار المناطق التي تختارها، في مواعيد ثابتة، وتنبيهات عاجلة عند الحاجة.\n\n"
        "• اختر مناطقك: /regions أو اكتب مثلاً: <code>اشترك درعا</code>\n"
        "• اعرض اشتراكاتك: /mysubs\n"
        "• النشرة الآن: /digest\n"
        "• المساعدة: /help\n"
        "• English: /lang en"
    ),
    "welcome_back": "📌 تتابع الآن: {names}",
    "welcome_group": (
        "<b>أهلاً، أنا نشرة</b> 📰\n"
        "أرسل إلى هذه المجموعة ملخصاً قصيراً لأخبار المناطق التي يختارها مشرفوها، "
        "وتنبيهات عاجلة عند الحاجة.\n\n"
        "• يختار المشرفون المناطق: /regions أو <code>/subscribe@{bot} درعا، حلب</code>\n"
        "• المساعدة: /help\n"
        "• English: /lang en"
    ),
    "help": (
        "<b>الأوامر</b>\n"
        "/regions — اختيار المناطق من قائمة\n"
        "/subscribe أسماء — الاشتراك (مثل: <code>/subscribe درعا، حلب</code>)\n"
        "/unsubscribe أسماء — إلغاء الاشتراك (أو <code>الكل</code>)\n"
        "/mysubs — اشتراكاتي\n"
        "/digest — النشرة الآن\n"
        "/more — ما لم يتسع له حد الأخبار في نشرتك الأخيرة\n"
        "/time 8:00 دمشق — موعد نشرتك\n"
        "/pause و /resume — إيقاف الإرسال مؤقتاً واستئنافه\n"
        "/keywords — كلمات تصفية النشرة (تضمين واستبعاد)\n"
        "/format — شكل النشرة: ملخصات أو عناوين، المعاينة، عدد الأخبار\n"
        "/topic أسماء — في موضوع من مجموعة منتديات: أخبار هذه المناطق هنا\n"
        "/lang en — English\n"
        "/stop — احذف بياناتي\n\n"
        "يمكنك أيضاً أن تكتب: <code>اشترك درعا</code> أو <code>الغاء حلب</code>\n"
        "شرح أي أمر مع مثال: <code>/help subscribe</code>"
    ),
    "help_admin": (
        "<b>أوامر المشرفين</b>\n"
        "/alert مناطق | نص — تنبيه عاجل لمشتركي مناطق\n"
        "/broadcast نص — رسالة إلى كل المشتركين\n"
        "/stats — إحصاءات المشتركين والمقالات\n"
        "/ingest رابط — جلب مصدر أخبار الآن\n"
        "/channel @قناة مناطق — ربط قناة بمناطق\n"
        "مثال لكل أمر: <code>/help alert</code>"
    ),
    "help_unknown_topic": "لا يوجد أمر باسم {term}.",
    "help_start": "/start — رسالة الترحيب وطريقة العمل.\nمثال: <code>/start</code>",
    "help_help": "/help [أمر] — قائمة الأوامر، أو شرح أمر واحد مع مثال.\nمثال: <code>/help subscribe</code>",
    "help_regions": (
        "/regions — قائمة الدول ثم مناطق كل دولة؛ اضغط منطقة للاشتراك فيها، واضغطها ثانية للإلغاء.\n"
        "مثال: <code>/regions</code>"
    ),
    "help_subscribe": (
        "/subscribe أسماء — الاشتراك في مناطق بأسمائها العربية أو الإنجليزية أو برموزها. اسم المدينة يشترك "
        "في محافظتها، واسم البلد بعد الاسم المشترك يميّزه.\n"
        "أمثلة:\n"
        "<code>/subscribe درعا، حلب</code>\n"
        "<code>/subscribe طرابلس لبنان</code>\n"
        "<code>/subscribe Mosul, SY-DY</code>\n"
        "أو اكتب: <code>اشترك بدرعا</code>"
    ),
    "help_unsubscribe": (
        "/unsubscribe أسماء — إلغاء الاشتراك في مناطق، أو فيها كلها.\n"
        "أمثلة:\n"
        "<code>/unsubscribe حلب</code>\n"
        "<code>/unsubscribe الكل</code>\n"
        "أو اكتب: <code>الغاء حلب</code>"
    ),
    "help_mysubs": "/mysubs — مناطقك وموعد نشرتك.\nمثال: <code>/mysubs</code> أو اكتب <code>اشتراكاتي</code>",
    "help_digest": "/digest — النشرة الآن: الجديد في مناطقك منذ نشرتك الأخيرة.\nمثال: <code>/digest</code>",
    "help_more": (
        "/more — أخبار نشرتك الأخيرة التي لم يتسع لها حد الأخبار، الأحدث أولاً، دفعة بعد دفعة؛ "
        "أو اضغط زر «المزيد» تحت النشرة.\nمثال: <code>/more</code> أو اكتب <code>المزيد</code>"
    ),
    "help_time": (
        "/time الساعة [المنطقة الزمنية] — موعد نشرتك اليومية؛ المنطقة الزمنية اختيارية؛ "
        "<code>/time إلغاء</code> يعيدها إلى الموعد العام.\n"
        "أمثلة:\n"
        "<code>/time 08:00</code>\n"
        "<code>/time 8 مساءً دمشق</code>\n"
        "<code>/time 7:30 Asia/Riyadh</code>"
    ),
    "help_pause": (
        "/pause — إيقاف إرسال النشرات والتنبيهات مؤقتاً، و/resume لاستئنافه.\nمثال: <code>/pause</code>"
    ),
    "help_resume": "/resume — استئناف الإرسال بعد /pause.\nمثال: <code>/resume</code>",
    "help_keywords": (
        "/keywords — كلمات تصفية النشرة: تضمين أو استبعاد.\n"
        "أمثلة:\n"
        "<code>/keywords add زلزال، انتخابات</code>\n"
        "<code>/keywords exclude رياضة</code>\n"
        "<code>/keywords remove رياضة</code>\n"
        "<code>/keywords list</code>"
    ),
    "help_format": (
        "/format — شكل النشرة: ملخصات أو عناوين، معاينة الروابط، عدد الأخبار.\n"
        "أمثلة:\n"
        "<code>/format headlines</code>\n"
        "<code>/format previews off</code>\n"
        "<code>/format items 10</code>"
    ),
    "help_topic": (
        "/topic أسماء — داخل موضوع من مجموعة منتديات: تصل أخبار هذه المناطق إلى هذا الموضوع.\n"
        "أمثلة:\n"
        "<code>/topic درعا، السويداء</code>\n"
        "<code>/topic off</code>"
    ),
    "help_lang": "/lang — لغة الردود.\nأمثلة: <code>/lang en</code> أو <code>/lang ar</code>",
    "help_stop": "/stop — حذف كل بياناتك واشتراكاتك، بعد سؤالك للتأكيد.\nمثال: <code>/stop</code>",
    "help_alert": (
        "/alert مناطق | نص — تنبيه عاجل لمشتركي هذه المناطق. إن زاد عددهم عن حد الإعدادات أطلب تأكيداً، "
        "ثم أرسل تقريراً بما وصل.\n"
        "مثال:\n"
        "<code>/alert درعا، السويداء | إغلاق طريق دمشق درعا الدولي حتى إشعار آخر</code>"
    ),
    "help_broadcast": (
        "/broadcast نص — رسالة إلى كل المشتركين غير المتوقفين.\n"
        "مثال:\n"
        "<code>/broadcast صيانة قصيرة للخدمة الليلة الساعة 23:00</code>"
    ),
    "help_stats": (
        "/stats — عدد المشتركين والمقالات، آخر نشرة، وأكثر المناطق متابعة.\nمثال: <code>/stats</code>"
    ),
    "help_ingest": (
        "/ingest رابط — جلب مصدر أخبار (RSS أو Atom) الآن، ثم تقرير بعدد الجديد.\n"
        "مثال:\n"
        "<code>/ingest https://example.com/feed.xml</code>"
    ),
    "help_channel": (
        "/channel @قناة مناطق — ربط قناة (البوت مشرف فيها) بمناطق؛ <code>off</code> لفك الربط؛ "
        "ووحده لعرض القنوات.\n"
        "أمثلة:\n"
        "<code>/channel @daraa_news درعا، السويداء</code>\n"
        "<code>/channel @daraa_news off</code>\n"
        "<code>/channel</code>"
    ),
    "unknown_command": "لا أعرف هذا الأمر.",
    "subscribed": "✅ اشتركت في: {names}",
    "place_in_country": "كامل {country} (ومنها {place})",
    "first_regions_schedule": "⏰ تصلك نشرتك كل يوم الساعة {times} ({zone})، والنشرة الآن: /digest",
    "already": "كنت مشتركاً من قبل في: {names}",
    "unsubscribed": "❎ ألغيت الاشتراك في: {names}",
    "not_subscribed": "لم تكن مشتركاً في: {names}",
    "unknown_region": "❓ لم أعرف: {term}",
    "suggest": "هل تقصد: {names}؟",
    "ambiguous": "🔀 «{term}» اسم لأكثر من مكان، اختر واحداً:",
    "ambiguous_list": "🔀 «{term}» اسم لأكثر من مكان: {names}. أضف اسم البلد بعده.",
    "unknown_more": "… وبقي {rest:@names}؛ اكتب الباقي في رسالة أخرى.",
    "picks_hint_add": "اضغط زراً للاشتراك.",
    "picks_hint_none": "لا منطقة بهذا الاسم ولا باسم يشبهه؛ اختر من القائمة: /regions",
    "offer_subscribe": "📍 هل تريد أخبار هذه المناطق؟ اضغط زراً للاشتراك، أو اكتب /help لقائمة الأوامر.",
    "picks_hint_remove": "اضغط زراً لإلغاء الاشتراك.",
    "picked_on": "✅ اشتركت في: {name}",
    "picked_already": "كنت مشتركاً من قبل في: {name}",
    "picked_off": "❎ ألغيت الاشتراك في: {name}",
    "picked_not_subscribed": "لم تكن مشتركاً في: {name}",
    "too_many_words": "في رسالتك كلمات كثيرة (الحد {limit:@words}). أرسل أسماء المناطق على دفعات.",
    "not_a_list": (
        "لم أجد في رسالتك قائمة بأسماء مناطق، ولم أغيّر شيئاً. اكتب الأسماء مفصولة بفواصل، مثلاً: "
        "<code>/subscribe درعا، حلب</code>"
    ),
    "subscribe_usage": (
        "اكتب أسماء المناطق بعد الأمر، مثلاً: <code>/subscribe درعا، حلب</code> أو افتح /regions"
    ),
    "unsubscribe_usage": (
        "اكتب أسماء المناطق بعد الأمر، مثلاً: <code>/unsubscribe حلب</code> أو <code>الكل</code>"
    ),
    "mysubs": "<b>اشتراكاتك</b>\n{names}",
    "mysubs_time": "موعد النشرة: {time} ({zone})",
    "mysubs_paused": "⏸ الإرسال متوقف مؤقتاً (/resume للاستئناف)",
    "no_subs": "لست مشتركاً في أي منطقة بعد. اختر من /regions أو اكتب <code>اشترك درعا</code>",
    "lang_set": "ستصلك الردود بالعربية.",
    "lang_usage": "اختر اللغة: <code>/lang ar</code> أو <code>/lang en</code>",
    "time_set": "⏰ ستصلك نشرتك كل يوم الساعة {time} ({zone}).",
    "time_cleared": "ألغيت موعدك الخاص، وتعود نشرتك إلى الموعد العام.",
    "time_usage": "اكتب الموعد هكذا: <code>/time 08:00 دمشق</code> أو <code>/time 8 مساءً</code>",
    "time_bad": "هذا ليس موعداً صحيحاً: {term}. مثال: <code>/time 08:00</code>",
    "zone_bad": (
        "فهمت الساعة {time}، لكن لا أعرف المنطقة الزمنية: {term}. اكتب مدينة أو بلداً، مثلاً: "
        "<code>/time {time} دمشق</code>"
    ),
    "zone_shared": (
        "فهمت الساعة {time}، لكن «{term}» قد تعني: {places}. اكتب أيّها تقصد، مثلاً: "
        "<code>/time {time} {example}</code>"
    ),
    "zone_choice": "{place} — {zone}",
    "zone_places": (
        "فهمت الساعة {time}، لكنك كتبت أكثر من مكان في مناطق زمنية مختلفة: {places}. لنشرتك منطقة زمنية "
        "واحدة، فاكتب مكاناً واحداً، مثلاً: <code>/time {time} {example}</code>"
    ),
    "zone_names": (
        "فهمت الساعة {time}، لكنك كتبت أكثر من منطقة زمنية: {zones}. لنشرتك منطقة زمنية واحدة، فاكتب "
        "واحدة، مثلاً: <code>/time {time} {first}</code>"
    ),
    "time_several": (
        "لنشرتك موعد واحد، وكتبت أكثر من موعد: {times}. اكتب موعداً واحداً، مثلاً: <code>/time {first}</code>"
    ),
    "time_merged": "({times}: الموعد نفسه، فجعلته موعداً واحداً.)",
    "zone_several": (
        "في {country} أكثر من منطقة زمنية: اكتب مدينتك أو أقرب مدينة كبيرة إليها، مثلاً: "
        "<code>/time 08:00 نيويورك</code>"
    ),
    "paused": "⏸ أوقفت الإرسال مؤقتاً. /resume للاستئناف.",
    "resumed": "▶️ استأنفت الإرسال.",
    "stopped": "🗑 حذفت كل بياناتك واشتراكاتك. يمكنك البدء من جديد بـ /start",
    "stop_nothing": "لا توجد بيانات محفوظة لك. يمكنك البدء بـ /start",
    "stop_confirm": "🗑 هل أحذف كل بياناتك واشتراكاتك؟ لا يمكن التراجع عن الحذف.",
    "stop_yes": "احذف بياناتي 🗑",
    "stop_no": "أبقِ بياناتي",
    "stop_kept": "لم أحذف شيئاً، وبقيت اشتراكاتك كما هي.",
    "stop_expired": "انتهت صلاحية هذا السؤال ولم أحذف شيئاً. أرسل /stop من جديد إن أردت الحذف.",
    "digest_empty": "لا جديد في مناطقك منذ نشرتك الأخيرة.",
    "digest_pending": "\u200f📰 نشرتك في طريقها إليك.",
    "digest_preparing": "\u200f⏳ نشرتك قيد الإعداد، وتصلك بعد قليل.",
    "digest_paused": "⏸ الإرسال متوقف مؤقتاً في هذه المحادثة، فلا نشرة الآن. /resume للاستئناف.",
    "digest_empty_first": (
        "لا أخبار عن مناطقك خلال آخر {hours:@hours}؛ ستصلك الأخبار الجديدة في نشرتك القادمة."
    ),
    "group_admins_only": "تغيير اشتراكات هذه المجموعة لمشرفيها فقط.",
    "group_admins_only_keywords": "تغيير الكلمات المفتاحية لهذه المجموعة لمشرفيها فقط.",
    "group_admins_only_format": "تغيير شكل نشرة هذه المجموعة لمشرفيها فقط.",
    "group_admins_only_time": "تغيير موعد نشرة هذه المجموعة لمشرفيها فقط.",
    "group_admins_only_language": "تغيير لغة هذه المجموعة لمشرفيها فقط.",
    "group_admins_only_pause": "إيقاف نشرة هذه المجموعة واستئنافها لمشرفيها فقط.",
    "group_admins_only_stop": "حذف اشتراك هذه المجموعة لمشرفيها فقط.",
    "group_admins_only_topic": "توجيه نشرات هذه المجموعة إلى المواضيع لمشرفيها فقط.",
    "too_long": "رسالتك طويلة جداً (الحد {limit:@chars}).",
    "slow_down": "🐢 رسائل كثيرة في وقت قصير، سأتجاهل الرسائل لدقيقة.",
    "slow_down_presses": "🐢 ضغطات كثيرة في وقت قصير، سأتجاهل الأزرار لدقيقة.",
    "button_stale": "هذا الزر لم يعد يعمل. أرسل الأمر من جديد، مثلاً /regions",
    "kb_countries": "<b>اختر دولة</b> (صفحة {page} من {pages})",
    "kb_subdivisions": "<b>{country}</b>: اختر المناطق (✓ = مشترك)",
    "kb_whole": "كل {country}",
    "kb_back": "↩️ رجوع",
    "kb_next": "التالي ⬅️",
    "kb_prev": "➡️ السابق",
    "kb_done": "تم ✔️",
    "kb_closed": "اشتراكاتك: {names}",
    "kb_on": "✓ {name}",
    "kb_off": "✗ {name}",
    "text_cmd_usage": "اكتب اسم المنطقة بعد الكلمة، مثلاً: <code>اشترك درعا</code>",
    "not_admin": "عذراً، هذا الأمر لمشرفي نشرة فقط.",
    "alert_usage": "الاستعمال: <code>/alert درعا، حلب | نص التنبيه</code>",
    "alert_confirm": "سيصل هذا التنبيه إلى {audience:@subscribers} في {names}. هل أرسله؟",
    "broadcast_confirm": "سيصل هذا الإعلان إلى {audience:@subscribers}، أي كل المشتركين. هل أرسله؟",
    "alert_send": "أرسل ✅",
    "alert_cancel": "إلغاء ❌",
    "alert_cancelled": "أُلغي التنبيه.",
    "broadcast_cancelled": "أُلغي الإعلان.",
    "alert_expired": "انتهت صلاحية هذا التأكيد، ولم يُرسل التنبيه. أرسله من جديد.",
    "alert_pick_hint": "اضغط زر المنطقة التي تقصدها ليمضي التنبيه إليها؛ لم يُرسل شيء بعد.",
    "alert_not_sent": (
        "لم يُرسل التنبيه؛ أعد الأمر بأسماء مناطق معروفة: <code>/alert درعا، حلب | نص التنبيه</code>"
    ),
    "alert_chosen": "🎯 مناطق التنبيه: {names}",
    "alert_queued": "🚨 يُرسل التنبيه رقم {alert_id} إلى {audience:@subscribers}.",
    "alert_no_audience": "لا أحد مشترك في {names}، لم يُرسل شيء.",
    "broadcast_no_audience": "لا مشتركين بعد، لم يُرسل شيء.",
    "alert_report": (
        "📊 تقرير التنبيه رقم {alert_id}: وصل {delivered}، محظور {blocked}، فشل {failed}، بانتظار {pending}."
    ),
    "report_held": "⏸ محجوز حتى تستأنف محادثاته الإرسال (أوقفته مؤقتاً): {held}.",
    "report_expired": "⌛ لم يُرسل لأن محادثته استأنفت بعد أن صار قديماً: {expired}.",
    "issued_at": "🕑 صدر في {when} ({zone})",
    "report_withdrawn": "🚪 لم يُرسل لأن محادثته غادرت (/stop) أو أُلغي ربطها قبل الإرسال: {withdrawn}.",
    "broadcast_usage": "الاستعمال: <code>/broadcast النص</code>",
    "broadcast_queued": "📣 يُرسل الإعلان رقم {alert_id} إلى {audience:@subscribers}.",
    "broadcast_report": (
        "📊 تقرير الإعلان رقم {alert_id}: وصل {delivered}، محظور {blocked}، فشل {failed}، بانتظار {pending}."
    ),
    "alert_too_long": (
        "النص أطول من رسالة واحدة: {units} وحدة والحد {limit} (الرمز التعبيري وحدتان). "
        "اختصره ثم أرسله من جديد."
    ),
    "delivery_unavailable": "الإرسال غير متاح الآن.",
    "topic_gone": (
        "📌 حُذف الموضوع الذي كانت تصل إليه أخبار: {names}. ستصل من الآن إلى الموضوع العام هنا.\n"
        "يستطيع مشرفو المجموعة اختيار موضوع آخر بإرسال <code>/topic</code> مع أسماء المناطق فيه."
    ),
    "delivery_mass_gone": (
        "⚠️ <b>توقف الإرسال مؤقتاً</b>\n"
        "أجاب تيليغرام عن {gone} من آخر {answers} رسالة بأن المحادثة لم تعد متاحة، وهذا لا يشبه مغادرة "
        "المشتركين بل خللاً في الطريق إلى تيليغرام (وسيط، أو رمز البوت). لم يُعلَّم أحد محظوراً، "
        "وسيُستأنف الإرسال وحده حين تصل الرسائل من جديد."
    ),
    "ingest_usage": "الاستعمال: <code>/ingest https://example.com/feed.xml</code>",
    "ingest_started": "⏳ أجلب {url} …",
    "ingest_done": "📥 {url}: جديد {ingested}، محدث {updated}، دون تغيير {unchanged}، مرفوض {rejected}.",
    "ingest_failed": "تعذر جلب {url}؛ التفاصيل في سجل البوت.",
    "stats": (
        "<b>إحصاءات نشرة</b>\n"
        "المشتركون: {subscribers} (نشط {active}، متوقف {paused}، حاظر {blocked})\n"
        "المقالات: {articles}\n"
        "أقسام بانتظار التلخيص: {pending}{model_down}\n"
        "آخر نشرة: {last_run}\n"
        "<b>حسب المنطقة</b>\n{regions}"
    ),
    "stats_more": "… و{rest} غيرها",
    "stats_model_down": "⚠️ نموذج التلخيص لا يعمل، وما ينتظره يُلخَّص استخلاصيًا في النشرات حتى يعمل: {reason}",
    "none": "—",
    "list_separator": "، ",
    "kw_usage": (
        "<b>كلمات التصفية</b>\n"
        "<code>/keywords add زلزال، انتخابات</code> — لا تصلني إلا الأخبار التي فيها إحدى هذه الكلمات\n"
        "<code>/keywords exclude رياضة</code> — لا تصلني الأخبار التي فيها هذه الكلمة\n"
        "<code>/keywords remove رياضة</code> — حذف كلمة (أو <code>الكل</code>)\n"
        "<code>/keywords list</code> — عرض الكلمات\n"
        "كلمات عادية وليست تعابير نمطية؛ يمكن كتابة عبارة من عدة كلمات."
    ),
    "kw_list": "<b>كلمات التصفية</b>\n{lines}\n\nاضغط كلمة لحذفها.",
    "kw_none": "لا كلمات تصفية: تصلك كل أخبار مناطقك. أضف بـ <code>/keywords add كلمة</code>",
    "kw_include_line": "➕ {word}",
    "kw_exclude_line": "➖ {word}",
    "kw_added": "✅ أضفت: {words}",
    "kw_already": "موجودة من قبل: {words}",
    "kw_removed": "❎ حذفت: {words}",
    "kw_not_found": "ليست في قائمتك: {words}",
    "kw_bad_no_word": "هذه ليست كلمة: {term}",
    "kw_bad_too_long": "هذه العبارة طويلة جداً: {term}",
    "kw_bad_too_many_words": "العبارة أطول من خمس كلمات: {term}",
    "kw_bad_too_many": "الحد الأقصى {term:@keywords} لكل محادثة.",
    "kw_clear": "🗑 حذف الكل",
    "kw_closed": "حُفظت كلمات التصفية.",
    "fmt_show": (
        "<b>شكل النشرة</b>\nالمحتوى: {style}\nمعاينة الروابط: {previews}\nأقصى عدد للأخبار: {items}"
    ),
    "fmt_usage": (
        "<code>/format headlines</code> أو <code>/format full</code> — عناوين فقط أو ملخصات كاملة\n"
        "<code>/format previews on</code> أو <code>off</code> — معاينة الروابط\n"
        "<code>/format items 10</code> — أقصى عدد للأخبار (1 إلى {limit})"
    ),
    "fmt_full": "ملخصات كاملة",
    "fmt_headlines": "عناوين فقط",
    "fmt_on": "تعمل",
    "fmt_off": "متوقفة",
    "fmt_bad": "لم أفهم: {term}",
    "fmt_items_bad": "عدد الأخبار بين 1 و{limit}، وليس {term}.",
    "fmt_btn_items": "{n:@items}",
    "fmt_btn_previews_on": "تشغيل المعاينة",
    "fmt_btn_previews_off": "إيقاف المعاينة",
    "topic_not_forum": "الأمر /topic يعمل داخل موضوع في مجموعة مفعّل فيها نظام المواضيع.",
    "topic_general": "اكتب الأمر داخل الموضوع الذي تريد أن تصله الأخبار، لا في الموضوع العام.",
    "topic_usage": (
        "اكتب أسماء المناطق داخل الموضوع، مثلاً: <code>/topic درعا، السويداء</code>؛ "
        "و<code>/topic off</code> لفك الربط."
    ),
    "topic_bound": "📌 أخبار {names} ستصل إلى هذا الموضوع.",
    "topic_unbound": "فككت ربط هذا الموضوع عن: {names}",
    "topic_nothing": "لا مناطق مربوطة بهذا الموضوع.",
    "topic_list": "<b>المناطق المربوطة بهذا الموضوع</b>\n{names}",
    "channel_usage": (
        "الاستعمال: <code>/channel @قناة درعا، حلب</code> (أو المعرّف الرقمي)، "
        "<code>/channel @قناة off</code> لفك الربط، <code>/channel</code> للقائمة."
    ),
    "channel_not_found": "لا أجد القناة {term}. أضف البوت مشرفاً فيها أولاً.",
    "channel_not_channel": "{term} ليست قناة.",
    "channel_unreachable": "تعذّر سؤال تيليجرام عن القناة {term} الآن. أعد المحاولة بعد قليل.",
    "channel_bound": "📡 ستنشر في القناة {channel} نشرة واحدة لكل دورة وتنبيهات: {names}",
    "channel_unbound": "فككت ربط القناة {channel}.",
    "channel_unknown": "القناة {channel} ليست مربوطة.",
    "channel_list": "<b>قنوات المناطق</b>\n{lines}",
    "channel_none": "لا قنوات مناطق بعد.",
    "channel_origin_command": "بالأمر /channel",
    "channel_origin_config": "من ملف الإعدادات",
    # Sent by the delivery, not as a reply: the digest's titles, an empty digest, alert and broadcast
    # headers. Each Arabic one opens with a right-to-left mark, so a line that starts with an emoji is
    # laid out right to left.
    "digest_title": "\u200f📰 <b>نشرة {date}</b>",
    "digest_title_more": "\u200f📰 <b>نشرة {date} (تابع {n})</b>",
    "digest_left_out": (
        "📭 تحمل النشرة {cap:@items_held} على الأكثر، فبقي من أخبار مناطقها {count:@items}؛ "
        "لقراءتها اضغط «المزيد» أو أرسل /more."
    ),
    "digest_left_out_more": "لأخبار أكثر في كل نشرة: /format",
    "more_title": "\u200f📰 <b>المزيد من نشرة {date}</b>",
    "more_title_more": "\u200f📰 <b>المزيد من نشرة {date} (تابع {n})</b>",
    "more_left": "📭 بقي {count:@items}؛ للمزيد اضغط «المزيد» أو أرسل /more",
    "more_button": "المزيد 📰",
    "more_nothing": "لم يبقَ شيء من نشرتك الأخيرة: أرسلت كل أخبارها.",
    "more_no_digest": "لم تصلك نشرة بعد، فلا شيء بقي منها. النشرة الآن: /digest",
    "more_press": "📰 المزيد في طريقه",
    "digest_continued": " (تابع)",
    "digest_updated": " (تحديث)",
    "digest_nothing_new": "\u200f📰 لا جديد في المناطق المتابَعة هنا منذ النشرة السابقة.",
    "alert_header": "\u200f🔔 <b>تنبيه</b>",
    "broadcast_header": "\u200f📢 <b>إعلان</b>",
    # Why an input was rejected (nashra.articles.errors): "<input>: <reason>", values from outside.
    "reject_or": " أو ",
    "reject_entry": "{origin} الخبر {number}",
    "reject_timed_out_total": "انتهت المهلة بعد {seconds} ث",
    "reject_timed_out": "انتهت المهلة (لا جواب خلال {seconds} ث)",
    "reject_unsafe_address": (
        "رفضت الاتصال بـ <code>{host}</code>: {kind}؛ يسمح به المشغّل بإضافته إلى "
        "<code>[ingest] allow_hosts</code>"
    ),
    "address_unspecified": "عنوان غير محدد",
    "address_loopback": "عنوان الجهاز نفسه",
    "address_link_local": "عنوان محلي للوصلة",
    "address_site_local": "عنوان محلي للموقع",
    "address_multicast": "عنوان بث جماعي",
    "address_carrier_grade_nat": "عنوان مشترك داخل شبكة مزوّد الخدمة",
    "address_reserved": "عنوان محجوز",
    "address_private": "عنوان شبكة خاصة",
    "address_non_public": "عنوان غير عام",
    "reject_no_address": "لا يقابل الاسم <code>{host}</code> أي عنوان",
    "reject_unresolved": "لم أجد الخادم <code>{host}</code> (<code>{reason}</code>)؛ تحقق من كتابة العنوان",
    "reject_unix_socket": "رفضت الاتصال بمقبس يونكس <code>{path}</code>",
    "reject_request_failed": "فشل الطلب: <code>{kind}: {detail}</code>",
    "reject_no_request": "لا يمكن طلبه ولا طلب ما يحوّل إليه: <code>{detail}</code>",
    "reject_http_status": "أجاب الخادم بالرمز HTTP {status} <code>{phrase}</code>",
    "reject_stdin_twice": "الإدخال القياسي مذكور أكثر من مرة",
    "reject_too_large_declared": "الموجز أكبر من المسموح ({size} بايت، والحد <code>{limit}</code>)",
    "reject_too_large": "الموجز أكبر من المسموح (الحد <code>{limit}</code>)",
    "reject_html_answer": "أجاب بصفحة HTML ({content_type})، لا بموجز RSS أو Atom",
    "reject_html_page": "صفحة HTML، لا موجز RSS أو Atom",
    "reject_undecodable": "تعذر فك ترميز الموجز بـ {charsets} (بايت غير صالح 0x{byte} في الموضع {offset})",
    "reject_garbled_feed": "نص الموجز مشوّه بالترميز {charsets}",
    "reject_parser_failed": "ليس موجز RSS أو Atom (فشل المحلل: <code>{kind}</code>)",
    "reject_not_feed": "ليس موجز RSS أو Atom (<code>{detail}</code>)",
    "reject_not_feed_unknown": "ليس موجز RSS أو Atom (صيغة غير معروفة)",
    "reject_no_title": "بلا عنوان",
    "reject_no_text": "بلا نص",
    "reject_cut_with_feed": "بُتر مع الموجز قبل نصه (توقف التنزيل أو النسخ مبكراً)",
    "reject_garbled": "النص مشوّه (فُك ترميزه بمجموعة محارف خاطئة؟): <code>{sample}</code>",
    "reject_kept_cut": "أبقيت النسخة المخزنة: النسخة الجديدة مبتورة ({stored} ← {new} حرفاً)",
    "reject_kept_garbled": "أبقيت النسخة المخزنة: في النسخة الجديدة {count} محرف تالف (U+FFFD)",
    "reject_unexpected": "خطأ غير متوقع (<code>{reason}</code>)؛ التفاصيل في السجل",
    "reject_invisible_title": "العنوان محارف غير مرئية فقط",
    "reject_invisible_text": "النص محارف غير مرئية فقط",
    "reject_bad_address": "ليس عنوان موجز صالحاً: {problem}",
    "reject_unsupported_url": "رابط غير مدعوم؛ تُقرأ الموجزات عبر http:// أو https://",
    "reject_file_empty": "الملف فارغ",
    "reject_unreadable_page": "تعذرت قراءة الصفحة: <code>{detail}</code>",
    "reject_unreadable_extract": "تعذرت قراءة النص المستخرج: <code>{detail}</code>",
    "reject_no_article_text": "لا نص مقال في الصفحة",
    "link_empty": "العنوان فارغ",
    "link_not_web": "لا يبدأ بـ http:// أو https://",
    "link_no_host": "لا يذكر اسم خادم",
    "link_host_chars": "في اسم الخادم مسافة أو محرف تحكم",
    "link_bad_ipv6": "عنوان IPv6 فيه معطوب",
    "link_bad_port": "رقم المنفذ ليس عدداً حتى 65535",
}

EN: dict[str, str] = {
    "welcome": (
        "<b>Welcome to Nashra</b> 📰\n"
        "I send you a short digest of the news of the regions you choose, at set times, and breaking "
        "alerts when needed.\n\n"
        "• Choose your regions: /regions or type e.g. <code>/subscribe Daraa</code>\n"
        "• Your subscriptions: /mysubs\n"
        "• The digest now: /digest\n"
        "• Help: /help\n"
        "• العربية: /lang ar"
    ),
    "welcome_back": "📌 You follow: {names}",
    "welcome_group": (
        "<b>Hello, I am Nashra</b> 📰\n"
        "I send this group a short digest of the news of the regions its admins choose, and breaking "
        "alerts when needed.\n\n"
        "• Admins choose the regions: /regions or <code>/subscribe@{bot} Daraa, Aleppo</code>\n"
        "• Help: /help\n"
        "• العربية: /lang ar"
    ),
    "help": (
        "<b>Commands</b>\n"
        "/regions — choose regions from a list\n"
        "/subscribe names — subscribe (e.g. <code>/subscribe Daraa, Aleppo</code>)\n"
        "/unsubscribe names — unsubscribe (or <code>all</code>)\n"
        "/mysubs — my subscriptions\n"
        "/digest — the digest now\n"
        "/more — the news your last digest's item limit left out\n"
        "/time 08:00 Asia/Damascus — your digest time\n"
        "/pause and /resume — pause and resume sending\n"
        "/keywords — keyword filters (include and exclude)\n"
        "/format — digest format: summaries or headlines, previews, items\n"
        "/topic names — in a forum topic: these regions' news goes here\n"
        "/lang ar — العربية\n"
        "/stop — delete my data\n\n"
        "You can also write: <code>subscribe Daraa</code> or <code>unsubscribe Aleppo</code>\n"
        "Any command explained with an example: <code>/help subscribe</code>"
    ),
    "help_admin": (
        "<b>Admin commands</b>\n"
        "/alert regions | text — breaking alert to the subscribers of regions\n"
        "/broadcast text — a message to every subscriber\n"
        "/stats — subscriber and article statistics\n"
        "/ingest url — fetch a news feed now\n"
        "/channel @channel regions — bind a channel to regions\n"
        "An example of each: <code>/help alert</code>"
    ),
    "help_unknown_topic": "There is no command called {term}.",
    "help_start": "/start — the welcome message and how Nashra works.\nExample: <code>/start</code>",
    "help_help": "/help [command] — the list of commands, or one command with an example.\n"
    "Example: <code>/help subscribe</code>",
    "help_regions": (
        "/regions — countries, then each country's regions; press a region to subscribe, press it again "
        "to unsubscribe.\nExample: <code>/regions</code>"
    ),
    "help_subscribe": (
        "/subscribe names — subscribe to regions by their Arabic or English names or their codes. A city "
        "subscribes to its region; a country after a shared name tells which one is meant.\n"
        "Examples:\n"
        "<code>/subscribe Daraa, Aleppo</code>\n"
        "<code>/subscribe Tripoli, Lebanon</code>\n"
        "<code>/subscribe Mosul, SY-DY</code>"
    ),
    "help_unsubscribe": (
        "/unsubscribe names — unsubscribe from regions, or from all of them.\n"
        "Examples:\n"
        "<code>/unsubscribe Aleppo</code>\n"
        "<code>/unsubscribe all</code>"
    ),
    "help_mysubs": "/mysubs — your regions and digest time.\nExample: <code>/mysubs</code>",
    "help_digest": "/digest — the digest now: what is new in your regions since your last digest.\n"
    "Example: <code>/digest</code>",
    "help_more": (
        "/more — the news of your last digest that its item limit left out, newest first, a batch at a "
        "time; or press the «More» button under the digest.\nExample: <code>/more</code>"
    ),
    "help_time": (
        "/time HH:MM [time zone] — your daily digest time; the time zone is optional; "
        "<code>/time off</code> returns to the general schedule.\n"
        "Examples:\n"
        "<code>/time 08:00</code>\n"
        "<code>/time 8pm Damascus</code>\n"
        "<code>/time 7:30 Asia/Riyadh</code>"
    ),
    "help_pause": "/pause — pause digests and alerts; /resume to resume.\nExample: <code>/pause</code>",
    "help_resume": "/resume — resume sending after /pause.\nExample: <code>/resume</code>",
    "help_keywords": (
        "/keywords — keyword filters for your digest: include or exclude.\n"
        "Examples:\n"
        "<code>/keywords add earthquake, elections</code>\n"
        "<code>/keywords exclude football</code>\n"
        "<code>/keywords remove football</code>\n"
        "<code>/keywords list</code>"
    ),
    "help_format": (
        "/format — digest format: summaries or headlines, link previews, number of items.\n"
        "Examples:\n"
        "<code>/format headlines</code>\n"
        "<code>/format previews off</code>\n"
        "<code>/format items 10</code>"
    ),
    "help_topic": (
        "/topic names — inside a topic of a forum group: these regions' news goes to this topic.\n"
        "Examples:\n"
        "<code>/topic Daraa, Sweida</code>\n"
        "<code>/topic off</code>"
    ),
    "help_lang": "/lang — the language of replies.\nExamples: <code>/lang en</code> or <code>/lang ar</code>",
    "help_stop": (
        "/stop — delete all your data and subscriptions, once you confirm.\nExample: <code>/stop</code>"
    ),
    "help_alert": (
        "/alert regions | text — a breaking alert to the subscribers of these regions. Above the "
        "configured audience size I ask you to confirm, then report what was delivered.\n"
        "Example:\n"
        "<code>/alert Daraa, Sweida | The Damascus–Daraa highway is closed until further notice</code>"
    ),
    "help_broadcast": (
        "/broadcast text — a message to every subscriber who has not paused.\n"
        "Example:\n"
        "<code>/broadcast Short maintenance tonight at 23:00</code>"
    ),
    "help_stats": "/stats — subscribers, articles, the last digest and the most followed regions.\n"
    "Example: <code>/stats</code>",
    "help_ingest": (
        "/ingest url — fetch a news feed (RSS or Atom) now, then report how many items were new.\n"
        "Example:\n"
        "<code>/ingest https://example.com/feed.xml</code>"
    ),
    "help_channel": (
        "/channel @channel regions — bind a channel (where the bot is an admin) to regions; "
        "<code>off</code> unbinds; alone it lists the channels.\n"
        "Examples:\n"
        "<code>/channel @daraa_news Daraa, Sweida</code>\n"
        "<code>/channel @daraa_news off</code>\n"
        "<code>/channel</code>"
    ),
    "unknown_command": "I don't know that command.",
    "subscribed": "✅ Subscribed to: {names}",
    "place_in_country": "{country}, all of it ({place} included)",
    "first_regions_schedule": "⏰ Your digest arrives every day at {times} ({zone}); the digest now: /digest",
    "already": "Already subscribed to: {names}",
    "unsubscribed": "❎ Unsubscribed from: {names}",
    "not_subscribed": "You were not subscribed to: {names}",
    "unknown_region": "❓ Unknown region: {term}",
    "suggest": "Did you mean: {names}?",
    "ambiguous": "🔀 “{term}” names more than one place; choose one:",
    "ambiguous_list": "🔀 “{term}” names more than one place: {names}. Add the country after it.",
    "unknown_more": "… {rest:@names} left; write the rest in another message.",
    "picks_hint_add": "Press a button to subscribe.",
    "picks_hint_none": "No region has that name or one like it; choose from the list: /regions",
    "offer_subscribe": (
        "📍 Want the news of these regions? Press a button to subscribe, or /help for the commands."
    ),
    "picks_hint_remove": "Press a button to unsubscribe.",
    "picked_on": "✅ Subscribed to: {name}",
    "picked_already": "Already subscribed to: {name}",
    "picked_off": "❎ Unsubscribed from: {name}",
    "picked_not_subscribed": "You were not subscribed to: {name}",
    "too_many_words": (
        "Your message has too many words (limit {limit:@words}). Send the region names in parts."
    ),
    "not_a_list": (
        "I found no list of region names in your message and changed nothing. Write the names separated by "
        "commas, e.g. <code>/subscribe Daraa, Aleppo</code>"
    ),
    "subscribe_usage": (
        "Add region names after the command, e.g. <code>/subscribe Daraa, Aleppo</code>, or open /regions"
    ),
    "unsubscribe_usage": (
        "Add region names after the command, e.g. <code>/unsubscribe Aleppo</code> or <code>all</code>"
    ),
    "mysubs": "<b>Your subscriptions</b>\n{names}",
    "mysubs_time": "Digest time: {time} ({zone})",
    "mysubs_paused": "⏸ Sending is paused (/resume to resume)",
    "no_subs": "You follow no region yet. Choose in /regions or type <code>/subscribe Daraa</code>",
    "lang_set": "Replies will be in English.",
    "lang_usage": "Choose a language: <code>/lang ar</code> or <code>/lang en</code>",
    "time_set": "⏰ Your digest will arrive every day at {time} ({zone}).",
    "time_cleared": "Your own digest time is dropped; your digest follows the general schedule again.",
    "time_usage": "Give the time like this: <code>/time 08:00 Damascus</code> or <code>/time 8pm</code>",
    "time_bad": "Not a valid time: {term}. Example: <code>/time 08:00</code>",
    "zone_bad": (
        "Understood {time}, but not the time zone {term}. Give a city or a country, e.g. "
        "<code>/time {time} Damascus</code>"
    ),
    "zone_shared": (
        "Understood {time}, but «{term}» may be {places}. Say which, e.g. <code>/time {time} {example}</code>"
    ),
    "zone_choice": "{place} — {zone}",
    "zone_places": (
        "Understood {time}, but you gave places in different time zones: {places}. Your digest has one "
        "time zone: give one place, e.g. <code>/time {time} {example}</code>"
    ),
    "zone_names": (
        "Understood {time}, but you gave several time zones: {zones}. Your digest has one time zone: give "
        "one, e.g. <code>/time {time} {first}</code>"
    ),
    "time_several": (
        "Your digest has one time, and you gave several: {times}. Give one, e.g. <code>/time {first}</code>"
    ),
    "time_merged": "({times}: the same time, set once.)",
    "zone_several": (
        "{country} has several time zones: give your city or the nearest big one, e.g. "
        "<code>/time 08:00 New York</code>"
    ),
    "paused": "⏸ Sending paused. /resume to resume.",
    "resumed": "▶️ Sending resumed.",
    "stopped": "🗑 All your data and subscriptions are deleted. /start to begin again.",
    "stop_nothing": "Nothing is stored about you. /start to begin.",
    "stop_confirm": "🗑 Delete all your data and subscriptions? This cannot be undone.",
    "stop_yes": "Delete my data 🗑",
    "stop_no": "Keep my data",
    "stop_kept": "Nothing was deleted; your subscriptions stay as they are.",
    "stop_expired": "This question has expired and nothing was deleted. Send /stop again to delete.",
    "digest_empty": "Nothing new in your regions since your last digest.",
    "digest_pending": "📰 Your digest is on its way.",
    "digest_preparing": "⏳ Preparing your digest; it will be here in a moment.",
    "digest_paused": "⏸ Sending is paused in this chat, so no digest now. /resume to resume.",
    "digest_empty_first": (
        "No news of your regions in the last {hours:@hours}; new news comes in your next digest."
    ),
    "group_admins_only": "Only this group's admins can change its subscriptions.",
    "group_admins_only_keywords": "Only this group's admins can change its keywords.",
    "group_admins_only_format": "Only this group's admins can change its digest format.",
    "group_admins_only_time": "Only this group's admins can change its digest time.",
    "group_admins_only_language": "Only this group's admins can change its language.",
    "group_admins_only_pause": "Only this group's admins can pause or resume its digest.",
    "group_admins_only_stop": "Only this group's admins can stop its subscription.",
    "group_admins_only_topic": "Only this group's admins can route its digests to topics.",
    "too_long": "Your message is too long (limit {limit:@chars}).",
    "slow_down": "🐢 Too many messages at once; I will ignore messages for a minute.",
    "slow_down_presses": "🐢 Too many presses at once; I will ignore buttons for a minute.",
    "button_stale": "This button no longer works. Send the command again, e.g. /regions",
    "kb_countries": "<b>Choose a country</b> (page {page} of {pages})",
    "kb_subdivisions": "<b>{country}</b>: choose regions (✓ = subscribed)",
    "kb_whole": "All of {country}",
    "kb_back": "↩️ Back",
    "kb_next": "Next ➡️",
    "kb_prev": "⬅️ Previous",
    "kb_done": "Done ✔️",
    "kb_closed": "Your subscriptions: {names}",
    "kb_on": "✓ {name}",
    "kb_off": "✗ {name}",
    "text_cmd_usage": "Add a region name, e.g. <code>subscribe Daraa</code>",
    "not_admin": "Sorry, this command is for Nashra's admins only.",
    "alert_usage": "Usage: <code>/alert Daraa, Aleppo | alert text</code>",
    "alert_confirm": "This alert will reach {audience:@subscribers} of {names}. Send it?",
    "broadcast_confirm": "This announcement will reach {audience:@subscribers}, every subscriber. Send it?",
    "alert_send": "Send ✅",
    "alert_cancel": "Cancel ❌",
    "alert_cancelled": "Alert cancelled.",
    "broadcast_cancelled": "Announcement cancelled.",
    "alert_expired": "This confirmation has expired and nothing was sent. Send the alert again.",
    "alert_pick_hint": "Press the region you mean for the alert to go on to it; nothing has been sent yet.",
    "alert_not_sent": (
        "The alert was not sent; send the command again with known region names: "
        "<code>/alert Daraa, Aleppo | alert text</code>"
    ),
    "alert_chosen": "🎯 The alert's regions: {names}",
    "alert_queued": "🚨 Sending alert #{alert_id} to {audience:@subscribers}.",
    "alert_no_audience": "Nobody follows {names}; nothing was sent.",
    "broadcast_no_audience": "No subscribers yet; nothing was sent.",
    "alert_report": (
        "📊 Alert #{alert_id} report: delivered {delivered}, blocked {blocked}, failed {failed}, "
        "pending {pending}."
    ),
    "report_held": "⏸ Held until their chats resume (they paused sending): {held}.",
    "report_expired": "⌛ Not sent, too old by the time their chats resumed: {expired}.",
    "issued_at": "🕑 Issued {when} ({zone})",
    "report_withdrawn": "🚪 Not sent, their chats left (/stop) or were unbound first: {withdrawn}.",
    "broadcast_usage": "Usage: <code>/broadcast text</code>",
    "broadcast_queued": "📣 Sending broadcast #{alert_id} to {audience:@subscribers}.",
    "broadcast_report": (
        "📊 Broadcast #{alert_id} report: delivered {delivered}, blocked {blocked}, failed {failed}, "
        "pending {pending}."
    ),
    "alert_too_long": (
        "The text is longer than one message: {units} units, the limit is {limit} (an emoji counts two). "
        "Shorten it and send it again."
    ),
    "delivery_unavailable": "Sending is not available now.",
    "topic_gone": (
        "📌 The topic where the news of {names} arrived was deleted. From now on it comes here, to "
        "General.\nGroup admins can choose another topic by sending <code>/topic</code> with the region "
        "names in it."
    ),
    "delivery_mass_gone": (
        "⚠️ <b>Sending paused</b>\n"
        "Telegram answered {gone} of the last {answers} messages saying the chat is no longer reachable. "
        "That looks like a fault on the way to Telegram (a proxy, the bot token), not subscribers leaving, "
        "so nobody was marked blocked. Sending resumes by itself once messages are delivered again."
    ),
    "ingest_usage": "Usage: <code>/ingest https://example.com/feed.xml</code>",
    "ingest_started": "⏳ Fetching {url} …",
    "ingest_done": "📥 {url}: new {ingested}, updated {updated}, unchanged {unchanged}, rejected {rejected}.",
    "ingest_failed": "Could not fetch {url}; the bot's log has the details.",
    "stats": (
        "<b>Nashra statistics</b>\n"
        "Subscribers: {subscribers} (active {active}, paused {paused}, blocked {blocked})\n"
        "Articles: {articles}\n"
        "Sections waiting for a summary: {pending}{model_down}\n"
        "Last digest: {last_run}\n"
        "<b>Per region</b>\n{regions}"
    ),
    "stats_more": "… and {rest} more",
    "stats_model_down": (
        "⚠️ The summarization model cannot load; digests summarize what waits for it extractively "
        "until it does: {reason}"
    ),
    "none": "—",
    "list_separator": ", ",
    "kw_usage": (
        "<b>Keyword filters</b>\n"
        "<code>/keywords add earthquake, elections</code> — only news with one of these words\n"
        "<code>/keywords exclude football</code> — no news with this word\n"
        "<code>/keywords remove football</code> — remove a word (or <code>all</code>)\n"
        "<code>/keywords list</code> — show the words\n"
        "Plain words, not regular expressions; a phrase of several words works too."
    ),
    "kw_list": "<b>Keyword filters</b>\n{lines}\n\nTap a word to remove it.",
    "kw_none": (
        "No keyword filters: you get all the news of your regions. Add with <code>/keywords add word</code>"
    ),
    "kw_include_line": "➕ {word}",
    "kw_exclude_line": "➖ {word}",
    "kw_added": "✅ Added: {words}",
    "kw_already": "Already there: {words}",
    "kw_removed": "❎ Removed: {words}",
    "kw_not_found": "Not in your list: {words}",
    "kw_bad_no_word": "Not a word: {term}",
    "kw_bad_too_long": "This phrase is too long: {term}",
    "kw_bad_too_many_words": "A phrase has at most five words: {term}",
    "kw_bad_too_many": "At most {term:@keywords} per chat.",
    "kw_clear": "🗑 Remove all",
    "kw_closed": "Keyword filters saved.",
    "fmt_show": ("<b>Digest format</b>\nContent: {style}\nLink previews: {previews}\nMost items: {items}"),
    "fmt_usage": (
        "<code>/format headlines</code> or <code>/format full</code> — headlines only or full summaries\n"
        "<code>/format previews on</code> or <code>off</code> — link previews\n"
        "<code>/format items 10</code> — most items per digest (1 to {limit})"
    ),
    "fmt_full": "full summaries",
    "fmt_headlines": "headlines only",
    "fmt_on": "on",
    "fmt_off": "off",
    "fmt_bad": "I did not understand: {term}",
    "fmt_items_bad": "Items per digest must be between 1 and {limit}, not {term}.",
    "fmt_btn_items": "{n:@items}",
    "fmt_btn_previews_on": "Previews on",
    "fmt_btn_previews_off": "Previews off",
    "topic_not_forum": "/topic works inside a topic of a group with topics enabled.",
    "topic_general": "Send the command inside the topic that should get the news, not in General.",
    "topic_usage": (
        "Send region names inside the topic, e.g. <code>/topic Daraa, Sweida</code>; "
        "<code>/topic off</code> to unbind."
    ),
    "topic_bound": "📌 News of {names} will go to this topic.",
    "topic_unbound": "This topic no longer receives: {names}",
    "topic_nothing": "No region is bound to this topic.",
    "topic_list": "<b>Regions bound to this topic</b>\n{names}",
    "channel_usage": (
        "Usage: <code>/channel @channel Daraa, Aleppo</code> (or the numeric id), "
        "<code>/channel @channel off</code> to unbind, <code>/channel</code> for the list."
    ),
    "channel_not_found": "I cannot find the channel {term}. Add the bot to it as an admin first.",
    "channel_not_channel": "{term} is not a channel.",
    "channel_unreachable": "Telegram could not be asked about the channel {term} just now. "
    "Try again in a moment.",
    "channel_bound": "📡 {channel} will get one digest per cycle and the alerts of: {names}",
    "channel_unbound": "Channel {channel} unbound.",
    "channel_unknown": "Channel {channel} is not bound.",
    "channel_list": "<b>Region channels</b>\n{lines}",
    "channel_none": "No region channels yet.",
    "channel_origin_command": "by /channel",
    "channel_origin_config": "from the config file",
    "digest_title": "📰 <b>Nashra digest, {date}</b>",
    "digest_title_more": "📰 <b>Nashra digest, {date} (continued {n})</b>",
    "digest_left_out": (
        "📭 This digest holds at most {cap:@items_held}, so {count:@items} of its regions' news did not fit; "
        "to read them, press «More» or send /more."
    ),
    "digest_left_out_more": "For more in each digest: /format",
    "more_title": "📰 <b>More from the Nashra digest, {date}</b>",
    "more_title_more": "📰 <b>More from the Nashra digest, {date} (continued {n})</b>",
    "more_left": "📭 Still left: {count:@items}; press «More» or send /more",
    "more_button": "More 📰",
    "more_nothing": "Nothing more is left of your last digest: all its news has been sent.",
    "more_no_digest": "You have had no digest yet, so nothing is left of one. The digest now: /digest",
    "more_press": "📰 More is on its way",
    "digest_continued": " (continued)",
    "digest_updated": " (updated)",
    "digest_nothing_new": "📰 Nothing new in the regions followed here since the last digest.",
    "alert_header": "🔔 <b>Alert</b>",
    "broadcast_header": "📢 <b>Announcement</b>",
    # Why an input was rejected (nashra.articles.errors): the command line prints these words too, so
    # they hold no HTML.
    "reject_or": " or ",
    "reject_entry": "{origin} entry {number}",
    "reject_timed_out_total": "timed out after {seconds} s",
    "reject_timed_out": "timed out (no answer within {seconds} s)",
    "reject_unsafe_address": (
        "refused to connect to {host}: {kind}; an operator can allow it with [ingest] allow_hosts"
    ),
    "address_unspecified": "an unspecified address",
    "address_loopback": "a loopback address",
    "address_link_local": "a link-local address",
    "address_site_local": "a site-local address",
    "address_multicast": "a multicast address",
    "address_carrier_grade_nat": "a carrier-grade NAT address",
    "address_reserved": "a reserved address",
    "address_private": "a private address",
    "address_non_public": "a non-public address",
    "reject_no_address": "{host} resolves to no address",
    "reject_unresolved": "request failed: ConnectError: cannot resolve {host}: {reason}",
    "reject_unix_socket": "refused to connect to the Unix socket {path}",
    "reject_request_failed": "request failed: {kind}: {detail}",
    "reject_no_request": "no request can be made to it or to where it redirects: {detail}",
    "reject_http_status": "server answered HTTP {status} {phrase}",
    "reject_stdin_twice": "standard input is given more than once",
    "reject_too_large_declared": "feed is too large ({size} bytes, more than {limit})",
    "reject_too_large": "feed is too large (more than {limit})",
    "reject_html_answer": "answered an HTML page ({content_type}), not an RSS or Atom feed",
    "reject_html_page": "an HTML page, not an RSS or Atom feed",
    "reject_undecodable": "cannot decode the feed as {charsets} (invalid byte 0x{byte} at offset {offset})",
    "reject_garbled_feed": "the feed decodes to garbled text as {charsets}",
    "reject_parser_failed": "not an RSS or Atom feed (the parser failed: {kind})",
    "reject_not_feed": "not an RSS or Atom feed ({detail})",
    "reject_not_feed_unknown": "not an RSS or Atom feed (unknown format)",
    "reject_no_title": "has no title",
    "reject_no_text": "has no text",
    "reject_cut_with_feed": "cut short with the feed before its text (a download or a copy stopped early)",
    "reject_garbled": "text is garbled (decoded with the wrong character set?): {sample}",
    "reject_kept_cut": "kept the stored version: the new copy is cut short ({stored} → {new} characters)",
    "reject_kept_garbled": "kept the stored version: the new copy holds {count} broken characters (U+FFFD)",
    "reject_unexpected": "unexpected error ({reason}); the traceback is logged with --verbose",
    "reject_invisible_title": "the title holds only invisible characters",
    "reject_invisible_text": "the text holds only invisible characters",
    "reject_bad_address": "not a usable feed address: it {problem}",
    "reject_unsupported_url": "unsupported URL; feeds are read over http:// or https://",
    "reject_file_empty": "file is empty",
    "reject_unreadable_page": "cannot read the page: {detail}",
    "reject_unreadable_extract": "cannot read the extracted text: {detail}",
    "reject_no_article_text": "no article text found in the page",
    "link_empty": "is empty",
    "link_not_web": "is no http:// or https:// address",
    "link_no_host": "names no host",
    "link_host_chars": "has a space or a control character in its host name",
    "link_bad_ipv6": "has a broken IPv6 address",
    "link_bad_port": "has a port that is no number up to 65535",
}

TEXTS: dict[str, dict[str, str]] = {"ar": AR, "en": EN}

# A group's wording of the replies whose private wording speaks to one reader about their own
# subscriptions («اشتراكاتك», "your digest"): in a group the group subscribes, its admins choose, and
# every member reads the reply. Keys are those of AR and EN; a key not here reads the same in a group.
AR_GROUP: dict[str, str] = {
    "welcome_back": "📌 تتابع المجموعة الآن: {names}",
    "help": (
        "<b>الأوامر</b>\n"
        "/regions — اختيار مناطق المجموعة من قائمة\n"
        "/subscribe أسماء — اشتراك المجموعة (مثل: <code>/subscribe درعا، حلب</code>)\n"
        "/unsubscribe أسماء — إلغاء اشتراك المجموعة (أو <code>الكل</code>)\n"
        "/mysubs — اشتراكات المجموعة\n"
        "/digest — نشرة المجموعة الآن\n"
        "/more — ما لم يتسع له حد الأخبار في نشرة المجموعة الأخيرة\n"
        "/time 8:00 دمشق — موعد نشرة المجموعة\n"
        "/pause و /resume — إيقاف الإرسال إلى المجموعة مؤقتاً واستئنافه\n"
        "/keywords — كلمات تصفية نشرة المجموعة (تضمين واستبعاد)\n"
        "/format — شكل نشرة المجموعة: ملخصات أو عناوين، المعاينة، عدد الأخبار\n"
        "/topic أسماء — في موضوع من مجموعة منتديات: أخبار هذه المناطق هنا\n"
        "/lang en — English\n"
        "/stop — حذف بيانات المجموعة واشتراكاتها\n\n"
        "يغيّر المشرفون وحدهم اشتراكات المجموعة وإعداداتها، ويعرضها كل الأعضاء.\n"
        "شرح أي أمر مع مثال: <code>/help subscribe</code>"
    ),
    "subscribed": "✅ اشتركت المجموعة في: {names}",
    "first_regions_schedule": "⏰ تصل نشرة المجموعة كل يوم الساعة {times} ({zone})، والنشرة الآن: /digest",
    "already": "المجموعة مشتركة من قبل في: {names}",
    "unsubscribed": "❎ ألغيت اشتراك المجموعة في: {names}",
    "not_subscribed": "لم تكن المجموعة مشتركة في: {names}",
    "picked_not_subscribed": "لم تكن المجموعة مشتركة في: {name}",
    "mysubs": "<b>اشتراكات المجموعة</b>\n{names}",
    "no_subs": (
        "لا تتابع هذه المجموعة أي منطقة بعد. يختار المشرفون مناطقها من /regions أو بـ "
        "<code>/subscribe درعا</code>"
    ),
    "time_set": "⏰ ستصل نشرة المجموعة كل يوم الساعة {time} ({zone}).",
    "time_cleared": "ألغيت موعد المجموعة الخاص، وتعود نشرتها إلى الموعد العام.",
    "time_several": (
        "لنشرة المجموعة موعد واحد، وكتبت أكثر من موعد: {times}. اكتب موعداً واحداً، مثلاً: "
        "<code>/time {first}</code>"
    ),
    "zone_places": (
        "فهمت الساعة {time}، لكنك كتبت أكثر من مكان في مناطق زمنية مختلفة: {places}. لنشرة المجموعة منطقة "
        "زمنية واحدة، فاكتب مكاناً واحداً، مثلاً: <code>/time {time} {example}</code>"
    ),
    "zone_names": (
        "فهمت الساعة {time}، لكنك كتبت أكثر من منطقة زمنية: {zones}. لنشرة المجموعة منطقة زمنية واحدة، "
        "فاكتب واحدة، مثلاً: <code>/time {time} {first}</code>"
    ),
    "stopped": "🗑 حذفت كل بيانات المجموعة واشتراكاتها. يمكن البدء من جديد بـ /start",
    "stop_nothing": "لا توجد بيانات محفوظة لهذه المجموعة. يمكن البدء بـ /start",
    "stop_confirm": "🗑 هل أحذف كل بيانات المجموعة واشتراكاتها؟ لا يمكن التراجع عن الحذف.",
    "stop_yes": "احذف بيانات المجموعة 🗑",
    "stop_no": "أبقِ بيانات المجموعة",
    "stop_kept": "لم أحذف شيئاً، وبقيت اشتراكات المجموعة كما هي.",
    "digest_empty": "لا جديد في مناطق المجموعة منذ نشرتها الأخيرة.",
    "more_nothing": "لم يبقَ شيء من نشرة المجموعة الأخيرة: أرسلت كل أخبارها.",
    "more_no_digest": "لم تصل المجموعة نشرة بعد، فلا شيء بقي منها. نشرة المجموعة الآن: /digest",
    "digest_pending": "\u200f📰 نشرة المجموعة في طريقها إليها.",
    "digest_preparing": "\u200f⏳ نشرة المجموعة قيد الإعداد، وتصل بعد قليل.",
    "digest_empty_first": (
        "لا أخبار عن مناطق المجموعة خلال آخر {hours:@hours}؛ تصل الأخبار الجديدة في نشرتها القادمة."
    ),
    "kb_closed": "اشتراكات المجموعة: {names}",
    "kw_none": "لا كلمات تصفية: تصل المجموعة كل أخبار مناطقها. أضف بـ <code>/keywords add كلمة</code>",
    "kw_not_found": "ليست في قائمة المجموعة: {words}",
}
EN_GROUP: dict[str, str] = {
    "welcome_back": "📌 This group follows: {names}",
    "help": (
        "<b>Commands</b>\n"
        "/regions — choose this group's regions from a list\n"
        "/subscribe names — subscribe this group (e.g. <code>/subscribe Daraa, Aleppo</code>)\n"
        "/unsubscribe names — unsubscribe this group (or <code>all</code>)\n"
        "/mysubs — this group's subscriptions\n"
        "/digest — this group's digest now\n"
        "/more — the news this group's last digest's item limit left out\n"
        "/time 08:00 Asia/Damascus — this group's digest time\n"
        "/pause and /resume — pause and resume sending to this group\n"
        "/keywords — keyword filters of this group's digest (include and exclude)\n"
        "/format — this group's digest format: summaries or headlines, previews, items\n"
        "/topic names — in a forum topic: these regions' news goes here\n"
        "/lang ar — العربية\n"
        "/stop — delete this group's data and subscriptions\n\n"
        "Only the group's admins change its subscriptions and settings; every member can see them.\n"
        "Any command explained with an example: <code>/help subscribe</code>"
    ),
    "subscribed": "✅ This group now follows: {names}",
    "first_regions_schedule": (
        "⏰ This group's digest arrives every day at {times} ({zone}); the digest now: /digest"
    ),
    "already": "This group already follows: {names}",
    "unsubscribed": "❎ This group no longer follows: {names}",
    "not_subscribed": "This group did not follow: {names}",
    "picked_not_subscribed": "This group did not follow: {name}",
    "mysubs": "<b>This group's subscriptions</b>\n{names}",
    "no_subs": (
        "This group follows no region yet. Its admins choose in /regions or with "
        "<code>/subscribe Daraa</code>"
    ),
    "time_set": "⏰ This group's digest will arrive every day at {time} ({zone}).",
    "time_cleared": "This group's own digest time is dropped; its digest follows the general schedule again.",
    "time_several": (
        "This group's digest has one time, and you gave several: {times}. Give one, e.g. "
        "<code>/time {first}</code>"
    ),
    "zone_places": (
        "Understood {time}, but you gave places in different time zones: {places}. This group's digest has "
        "one time zone: give one place, e.g. <code>/time {time} {example}</code>"
    ),
    "zone_names": (
        "Understood {time}, but you gave several time zones: {zones}. This group's digest has one time "
        "zone: give one, e.g. <code>/time {time} {first}</code>"
    ),
    "stopped": "🗑 All this group's data and subscriptions are deleted. /start to begin again.",
    "stop_nothing": "Nothing is stored about this group. /start to begin.",
    "stop_confirm": "🗑 Delete all this group's data and subscriptions? This cannot be undone.",
    "stop_yes": "Delete the group's data 🗑",
    "stop_no": "Keep the group's data",
    "stop_kept": "Nothing was deleted; this group's subscriptions stay as they are.",
    "digest_empty": "Nothing new in this group's regions since its last digest.",
    "more_nothing": "Nothing more is left of this group's last digest: all its news has been sent.",
    "more_no_digest": (
        "This group has had no digest yet, so nothing is left of one. This group's digest now: /digest"
    ),
    "digest_pending": "📰 This group's digest is on its way.",
    "digest_preparing": "⏳ Preparing this group's digest; it will be here in a moment.",
    "digest_empty_first": (
        "No news of this group's regions in the last {hours:@hours}; new news comes in its next digest."
    ),
    "kb_closed": "This group's subscriptions: {names}",
    "kw_none": (
        "No keyword filters: this group gets all the news of its regions. Add with "
        "<code>/keywords add word</code>"
    ),
    "kw_not_found": "Not in this group's list: {words}",
}
GROUP_TEXTS: dict[str, dict[str, str]] = {"ar": AR_GROUP, "en": EN_GROUP}

# A channel's wording of the same replies, and of what its digests and /more say about reading more: a
# channel has no members who write to the bot, only admins who post commands in it (Telegram sends the bot
# a channel's posts, commands among them) and readers who see the bot's replies as posts of the channel.
# So the replies speak of the channel, the commands are said to be posted there, and no line names the
# «More» button, which a channel never gets (any reader could press it). Keys are those of AR and EN.
AR_CHANNEL: dict[str, str] = {
    "welcome": (
        "<b>أهلاً، أنا نشرة</b> 📰\n"
        "أنشر في هذه القناة ملخصاً قصيراً لأخبار المناطق التي يختارها مشرفوها، وتنبيهات عاجلة عند الحاجة.\n\n"
        "• ينشر المشرفون هنا: /regions أو <code>/subscribe درعا، حلب</code>\n"
        "• المساعدة: /help\n"
        "• English: /lang en"
    ),
    "welcome_back": "📌 تتابع القناة الآن: {names}",
    "help": (
        "<b>الأوامر</b>\n"
        "/regions — اختيار مناطق القناة من قائمة\n"
        "/subscribe أسماء — اشتراك القناة (مثل: <code>/subscribe درعا، حلب</code>)\n"
        "/unsubscribe أسماء — إلغاء اشتراك القناة (أو <code>الكل</code>)\n"
        "/mysubs — اشتراكات القناة\n"
        "/digest — نشرة القناة الآن\n"
        "/more — ما لم يتسع له حد الأخبار في نشرة القناة الأخيرة\n"
        "/time 8:00 دمشق — موعد نشرة القناة\n"
        "/pause و /resume — إيقاف النشر في القناة مؤقتاً واستئنافه\n"
        "/keywords — كلمات تصفية نشرة القناة (تضمين واستبعاد)\n"
        "/format — شكل نشرة القناة: ملخصات أو عناوين، المعاينة، عدد الأخبار\n"
        "/lang en — English\n"
        "/stop — حذف بيانات القناة واشتراكاتها\n\n"
        "ينشر مشرفو القناة هذه الأوامر فيها، وأنشر ردودي فيها فيراها قراؤها.\n"
        "شرح أي أمر مع مثال: <code>/help subscribe</code>"
    ),
    "subscribed": "✅ اشتركت القناة في: {names}",
    "first_regions_schedule": "⏰ تُنشر نشرة القناة كل يوم الساعة {times} ({zone})، والنشرة الآن: /digest",
    "already": "القناة مشتركة من قبل في: {names}",
    "unsubscribed": "❎ ألغيت اشتراك القناة في: {names}",
    "not_subscribed": "لم تكن القناة مشتركة في: {names}",
    "picked_not_subscribed": "لم تكن القناة مشتركة في: {name}",
    "mysubs": "<b>اشتراكات القناة</b>\n{names}",
    "no_subs": "لا تتابع هذه القناة أي منطقة بعد. ينشر مشرفوها /regions أو <code>/subscribe درعا</code>",
    "time_set": "⏰ ستُنشر نشرة القناة كل يوم الساعة {time} ({zone}).",
    "time_cleared": "ألغيت موعد القناة الخاص، وتعود نشرتها إلى الموعد العام.",
    "time_several": (
        "لنشرة القناة موعد واحد، وكتبت أكثر من موعد: {times}. اكتب موعداً واحداً، مثلاً: "
        "<code>/time {first}</code>"
    ),
    "zone_places": (
        "فهمت الساعة {time}، لكنك كتبت أكثر من مكان في مناطق زمنية مختلفة: {places}. لنشرة القناة منطقة "
        "زمنية واحدة، فاكتب مكاناً واحداً، مثلاً: <code>/time {time} {example}</code>"
    ),
    "zone_names": (
        "فهمت الساعة {time}، لكنك كتبت أكثر من منطقة زمنية: {zones}. لنشرة القناة منطقة زمنية واحدة، "
        "فاكتب واحدة، مثلاً: <code>/time {time} {first}</code>"
    ),
    "stopped": "🗑 حذفت كل بيانات القناة واشتراكاتها. يمكن البدء من جديد بـ /start",
    "stop_nothing": "لا توجد بيانات محفوظة لهذه القناة. يمكن البدء بـ /start",
    "stop_confirm": "🗑 هل أحذف كل بيانات القناة واشتراكاتها؟ لا يمكن التراجع عن الحذف.",
    "stop_yes": "احذف بيانات القناة 🗑",
    "stop_no": "أبقِ بيانات القناة",
    "stop_kept": "لم أحذف شيئاً، وبقيت اشتراكات القناة كما هي.",
    "digest_empty": "لا جديد في مناطق القناة منذ نشرتها الأخيرة.",
    "more_nothing": "لم يبقَ شيء من نشرة القناة الأخيرة: نُشرت كل أخبارها.",
    "more_no_digest": "لم تُنشر في القناة نشرة بعد، فلا شيء بقي منها. نشرة القناة الآن: /digest",
    "digest_pending": "\u200f📰 نشرة القناة في طريقها إليها.",
    "digest_preparing": "\u200f⏳ نشرة القناة قيد الإعداد، وتُنشر بعد قليل.",
    "digest_empty_first": (
        "لا أخبار عن مناطق القناة خلال آخر {hours:@hours}؛ تُنشر الأخبار الجديدة في نشرتها القادمة."
    ),
    "digest_left_out": (
        "📭 تحمل النشرة {cap:@items_held} على الأكثر، فبقي من أخبار مناطقها {count:@items}؛ "
        "ينشرها مشرفو القناة هنا بالأمر /more."
    ),
    "digest_left_out_more": "لأخبار أكثر في كل نشرة ينشر مشرفو القناة /format",
    "more_left": "📭 بقي {count:@items}؛ ينشره مشرفو القناة هنا بالأمر /more",
    "kb_closed": "اشتراكات القناة: {names}",
    "kw_none": "لا كلمات تصفية: تُنشر في القناة كل أخبار مناطقها. أضف بـ <code>/keywords add كلمة</code>",
    "kw_not_found": "ليست في قائمة القناة: {words}",
    # A channel reads only commands, and gets no «More» button: its /help topics offer neither.
    "help_subscribe": (
        "/subscribe أسماء — اشتراك القناة في مناطق بأسمائها العربية أو الإنجليزية أو برموزها. اسم المدينة "
        "يشترك في محافظتها، واسم البلد بعد الاسم المشترك يميّزه.\n"
        "أمثلة:\n"
        "<code>/subscribe درعا، حلب</code>\n"
        "<code>/subscribe طرابلس لبنان</code>\n"
        "<code>/subscribe Mosul, SY-DY</code>"
    ),
    "help_unsubscribe": (
        "/unsubscribe أسماء — إلغاء اشتراك القناة في مناطق، أو فيها كلها.\n"
        "أمثلة:\n"
        "<code>/unsubscribe حلب</code>\n"
        "<code>/unsubscribe الكل</code>"
    ),
    "help_mysubs": "/mysubs — مناطق القناة وموعد نشرتها.\nمثال: <code>/mysubs</code>",
    "help_digest": (
        "/digest — نشرة القناة الآن: الجديد في مناطقها منذ نشرتها الأخيرة.\nمثال: <code>/digest</code>"
    ),
    "help_more": (
        "/more — أخبار نشرة القناة الأخيرة التي لم يتسع لها حد الأخبار، الأحدث أولاً، دفعة بعد دفعة، "
        "تُنشر في القناة.\nمثال: <code>/more</code>"
    ),
    "help_time": (
        "/time الساعة [المنطقة الزمنية] — موعد نشرة القناة اليومية؛ المنطقة الزمنية اختيارية؛ "
        "<code>/time إلغاء</code> يعيدها إلى الموعد العام.\n"
        "أمثلة:\n"
        "<code>/time 08:00</code>\n"
        "<code>/time 8 مساءً دمشق</code>\n"
        "<code>/time 7:30 Asia/Riyadh</code>"
    ),
    "help_stop": "/stop — حذف كل بيانات القناة واشتراكاتها، بعد السؤال للتأكيد.\nمثال: <code>/stop</code>",
    "lang_set": "ستكون منشوراتي في هذه القناة بالعربية.",
    "paused": "⏸ أوقفت النشر في هذه القناة مؤقتاً. ينشر المشرفون /resume للاستئناف.",
    "resumed": "▶️ استأنفت النشر في هذه القناة.",
}
EN_CHANNEL: dict[str, str] = {
    "welcome": (
        "<b>Hello, I am Nashra</b> 📰\n"
        "I post in this channel a short digest of the news of the regions its admins choose, and breaking "
        "alerts when needed.\n\n"
        "• Admins post here: /regions or <code>/subscribe Daraa, Aleppo</code>\n"
        "• Help: /help\n"
        "• العربية: /lang ar"
    ),
    "welcome_back": "📌 This channel follows: {names}",
    "help": (
        "<b>Commands</b>\n"
        "/regions — choose this channel's regions from a list\n"
        "/subscribe names — subscribe this channel (e.g. <code>/subscribe Daraa, Aleppo</code>)\n"
        "/unsubscribe names — unsubscribe this channel (or <code>all</code>)\n"
        "/mysubs — this channel's subscriptions\n"
        "/digest — this channel's digest now\n"
        "/more — the news this channel's last digest's item limit left out\n"
        "/time 08:00 Asia/Damascus — this channel's digest time\n"
        "/pause and /resume — pause and resume posting to this channel\n"
        "/keywords — keyword filters of this channel's digest (include and exclude)\n"
        "/format — this channel's digest format: summaries or headlines, previews, items\n"
        "/lang ar — العربية\n"
        "/stop — delete this channel's data and subscriptions\n\n"
        "The channel's admins post these commands in it; I post my replies in it, where its readers "
        "see them.\n"
        "Any command explained with an example: <code>/help subscribe</code>"
    ),
    "subscribed": "✅ This channel now follows: {names}",
    "first_regions_schedule": (
        "⏰ This channel's digest is posted every day at {times} ({zone}); the digest now: /digest"
    ),
    "already": "This channel already follows: {names}",
    "unsubscribed": "❎ This channel no longer follows: {names}",
    "not_subscribed": "This channel did not follow: {names}",
    "picked_not_subscribed": "This channel did not follow: {name}",
    "mysubs": "<b>This channel's subscriptions</b>\n{names}",
    "no_subs": (
        "This channel follows no region yet. Its admins post /regions or <code>/subscribe Daraa</code>"
    ),
    "time_set": "⏰ This channel's digest will be posted every day at {time} ({zone}).",
    "time_cleared": (
        "This channel's own digest time is dropped; its digest follows the general schedule again."
    ),
    "time_several": (
        "This channel's digest has one time, and you gave several: {times}. Give one, e.g. "
        "<code>/time {first}</code>"
    ),
    "zone_places": (
        "Understood {time}, but you gave places in different time zones: {places}. This channel's digest "
        "has one time zone: give one place, e.g. <code>/time {time} {example}</code>"
    ),
    "zone_names": (
        "Understood {time}, but you gave several time zones: {zones}. This channel's digest has one time "
        "zone: give one, e.g. <code>/time {time} {first}</code>"
    ),
    "stopped": "🗑 All this channel's data and subscriptions are deleted. /start to begin again.",
    "stop_nothing": "Nothing is stored about this channel. /start to begin.",
    "stop_confirm": "🗑 Delete all this channel's data and subscriptions? This cannot be undone.",
    "stop_yes": "Delete the channel's data 🗑",
    "stop_no": "Keep the channel's data",
    "stop_kept": "Nothing was deleted; this channel's subscriptions stay as they are.",
    "digest_empty": "Nothing new in this channel's regions since its last digest.",
    "more_nothing": "Nothing more is left of this channel's last digest: all its news has been posted.",
    "more_no_digest": (
        "This channel has had no digest yet, so nothing is left of one. This channel's digest now: /digest"
    ),
    "digest_pending": "📰 This channel's digest is on its way.",
    "digest_preparing": "⏳ Preparing this channel's digest; it will be posted in a moment.",
    "digest_empty_first": (
        "No news of this channel's regions in the last {hours:@hours}; new news comes in its next digest."
    ),
    "digest_left_out": (
        "📭 This digest holds at most {cap:@items_held}, so {count:@items} of its regions' news did not fit; "
        "the channel's admins post them here with /more."
    ),
    "digest_left_out_more": "For more in each digest, the channel's admins post /format",
    "more_left": "📭 Still left: {count:@items}; the channel's admins post them here with /more",
    "kb_closed": "This channel's subscriptions: {names}",
    "kw_none": (
        "No keyword filters: this channel gets all the news of its regions. Add with "
        "<code>/keywords add word</code>"
    ),
    "kw_not_found": "Not in this channel's list: {words}",
    "help_subscribe": (
        "/subscribe names — subscribe this channel to regions by their Arabic or English names or their "
        "codes. A city subscribes to its region; a country after a shared name tells which one is meant.\n"
        "Examples:\n"
        "<code>/subscribe Daraa, Aleppo</code>\n"
        "<code>/subscribe Tripoli, Lebanon</code>\n"
        "<code>/subscribe Mosul, SY-DY</code>"
    ),
    "help_unsubscribe": (
        "/unsubscribe names — unsubscribe this channel from regions, or from all of them.\n"
        "Examples:\n"
        "<code>/unsubscribe Aleppo</code>\n"
        "<code>/unsubscribe all</code>"
    ),
    "help_mysubs": "/mysubs — this channel's regions and digest time.\nExample: <code>/mysubs</code>",
    "help_digest": (
        "/digest — this channel's digest now: what is new in its regions since its last digest.\n"
        "Example: <code>/digest</code>"
    ),
    "help_more": (
        "/more — the news of this channel's last digest that its item limit left out, newest first, a "
        "batch at a time, posted in the channel.\nExample: <code>/more</code>"
    ),
    "help_time": (
        "/time HH:MM [time zone] — this channel's daily digest time; the time zone is optional; "
        "<code>/time off</code> returns to the general schedule.\n"
        "Examples:\n"
        "<code>/time 08:00</code>\n"
        "<code>/time 8pm Damascus</code>\n"
        "<code>/time 7:30 Asia/Riyadh</code>"
    ),
    "help_stop": (
        "/stop — delete all this channel's data and subscriptions, once confirmed.\n"
        "Example: <code>/stop</code>"
    ),
    "lang_set": "My posts in this channel will be in English.",
    "paused": "⏸ Posting in this channel paused. Admins post /resume to resume.",
    "resumed": "▶️ Posting in this channel resumed.",
}
# Who reads a reply, as :func:`text` words it for them: one person in a private chat (the catalogue's
# own wording), a group's members (:data:`GROUP_TEXTS`) or a channel's readers (:data:`AR_CHANNEL`).
Readers = Literal["private", "group", "channel"]
READERS_TEXTS: dict[str, dict[str, dict[str, str]]] = {
    "group": GROUP_TEXTS,
    "channel": {"ar": AR_CHANNEL, "en": EN_CHANNEL},
}


def readers_of(chat_type: str) -> Readers:
    """Who reads the replies in a chat of Telegram's type ``chat_type`` ("private", "group",
    "supergroup", "channel"): a supergroup's members are a group's."""
    if chat_type in ("group", "supergroup"):
        return "group"
    return "channel" if chat_type == "channel" else "private"


# One template per CLDR plural category (zero, one, two, few, many, other), per language, with ``{n}``
# where the figure goes: {"ar": {"one": ..., "other": ...}, "en": {...}}. A category a noun does not
# give uses its "other" template.
NounForms = Mapping[str, Mapping[str, str]]

# Counted nouns. Arabic changes the counted noun with the number: 1 and 2 drop the figure ("مشترك
# واحد", "مشتركان"), 3 to 10 take a plural ("5 مشتركين"), 11 to 99 an accusative singular ("20
# مشتركاً"), and hundreds, thousands and the rest a plain singular ("100 مشترك"); CLDR's zero category
# ("0 مشترك") is written as "other" unless a noun says otherwise.
# The Arabic "two" forms follow a preposition ("إلى مشتركَين") where that is how they are used;
# the fatha tells the dual from the plural of 3-10 ("مشتركِين"), which is spelled the same.
NOUNS: dict[str, NounForms] = {
    "subscribers": {
        "ar": {
            "one": "مشترك واحد",
            "two": "مشتركَين",
            "few": "{n} مشتركين",
            "many": "{n} مشتركاً",
            "other": "{n} مشترك",
        },
        "en": {"one": "1 subscriber", "other": "{n} subscribers"},
    },
    "chars": {
        "ar": {"one": "حرف واحد", "two": "حرفان", "few": "{n} أحرف", "many": "{n} حرفاً", "other": "{n} حرف"},
        "en": {"one": "1 character", "other": "{n} characters"},
    },
    "keywords": {
        "ar": {
            "one": "كلمة واحدة",
            "two": "كلمتان",
            "few": "{n} كلمات",
            "many": "{n} كلمة",
            "other": "{n} كلمة",
        },
        "en": {"one": "1 keyword", "other": "{n} keywords"},
    },
    "words": {
        "ar": {
            "one": "كلمة واحدة",
            "two": "كلمتان",
            "few": "{n} كلمات",
            "many": "{n} كلمة",
            "other": "{n} كلمة",
        },
        "en": {"one": "1 word", "other": "{n} words"},
    },
    "names": {
        "ar": {"one": "اسم واحد", "two": "اسمان", "few": "{n} أسماء", "many": "{n} اسماً", "other": "{n} اسم"},
        "en": {"one": "1 name", "other": "{n} names"},
    },
    "hours": {
        "ar": {"one": "ساعة", "two": "ساعتين", "few": "{n} ساعات", "many": "{n} ساعة", "other": "{n} ساعة"},
        "en": {"one": "hour", "other": "{n} hours"},
    },
    "items": {
        "ar": {"one": "خبر واحد", "two": "خبران", "few": "{n} أخبار", "many": "{n} خبراً", "other": "{n} خبر"},
        "en": {"one": "1 item", "other": "{n} items"},
    },
    # The items as the object of a verb ("تحمل النشرة خبرين"): the accusative of 1 and 2.
    "items_held": {
        "ar": {
            "one": "خبراً واحداً",
            "two": "خبرين",
            "few": "{n} أخبار",
            "many": "{n} خبراً",
            "other": "{n} خبر",
        },
        "en": {"one": "1 item", "other": "{n} items"},
    },
}

# Commands only the configured admins may use; /help lists them to admins alone.
ADMIN_TOPICS = ("alert", "broadcast", "stats", "ingest", "channel")
# Every command /help explains with an example ("/help time"); each has a help_<command> text.
HELP_TOPICS = (
    "start",
    "regions",
    "subscribe",
    "unsubscribe",
    "mysubs",
    "digest",
    "more",
    "time",
    "pause",
    "resume",
    "keywords",
    "format",
    "topic",
    "lang",
    "help",
    "stop",
    *ADMIN_TOPICS,
)

# The command menu (setMyCommands), per language.
COMMANDS: dict[str, list[tuple[str, str]]] = {
    "ar": [
        ("start", "البداية وطريقة العمل"),
        ("regions", "اختيار المناطق"),
        ("subscribe", "الاشتراك في مناطق"),
        ("unsubscribe", "إلغاء الاشتراك"),
        ("mysubs", "اشتراكاتي"),
        ("digest", "النشرة الآن"),
        ("more", "ما بقي من النشرة الأخيرة"),
        ("time", "موعد نشرتي"),
        ("pause", "إيقاف مؤقت"),
        ("resume", "استئناف"),
        ("keywords", "كلمات التصفية"),
        ("format", "شكل النشرة"),
        ("lang", "اللغة"),
        ("help", "المساعدة"),
        ("stop", "احذف بياناتي"),
    ],
    "en": [
        ("start", "Welcome and how it works"),
        ("regions", "Choose regions"),
        ("subscribe", "Subscribe to regions"),
        ("unsubscribe", "Unsubscribe"),
        ("mysubs", "My subscriptions"),
        ("digest", "The digest now"),
        ("more", "The rest of the last digest"),
        ("time", "My digest time"),
        ("pause", "Pause"),
        ("resume", "Resume"),
        ("keywords", "Keyword filters"),
        ("format", "Digest format"),
        ("lang", "Language"),
        ("help", "Help"),
        ("stop", "Delete my data"),
    ],
}

# The command menu of group chats: the commands of COMMANDS, those about the chat's own subscriptions
# worded for the group.
_GROUP_MENU = {
    "ar": {
        "mysubs": "اشتراكات المجموعة",
        "time": "موعد نشرة المجموعة",
        "stop": "حذف بيانات المجموعة",
        "regions": "اختيار مناطق المجموعة",
    },
    "en": {
        "mysubs": "This group's subscriptions",
        "time": "This group's digest time",
        "stop": "Delete this group's data",
        "regions": "Choose this group's regions",
    },
}
GROUP_COMMANDS: dict[str, list[tuple[str, str]]] = {
    lang: [(name, _GROUP_MENU[lang].get(name, description)) for name, description in menu]
    for lang, menu in COMMANDS.items()
}


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def plural_category(n: int, language: str) -> str:
    """CLDR's plural category of ``n`` in ``language`` (zero, one, two, few, many or other), from Babel's
    copy of the CLDR rules: Arabic 0 -> zero, 1 -> one, 2 -> two, 3-10 -> few, 11-99 -> many (by the
    last two digits: 103 -> few, 111 -> many), 100 -> other; English 1 -> one, else other."""
    return str(_locale(language).plural_form(abs(n)))


def count_phrase(n: int, forms: NounForms, language: str) -> str:
    """``n`` with its noun in ``language`` (Arabic when ``forms`` lacks it), in the template of its CLDR
    plural category; a category the noun does not give uses "other"."""
    if language not in forms:
        language = DEFAULT_LANGUAGE
    table = forms[language]
    template = table.get(plural_category(n, language)) or table["other"]
    return template.format(n=n)


class _Formatter(string.Formatter):
    """``str.format`` that also writes ``{field:@noun}`` as a count with its noun in one language."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith("@"):
            # Counts may arrive as text (an error's term); they are whole numbers either way.
            return count_phrase(int(str(value)), NOUNS[format_spec[1:]], self.language)
        return super().format_field(value, format_spec)


def text(language: str, key: str, *, readers: Readers = "private", **values: object) -> str:
    """The string ``key`` in ``language`` (Arabic when unknown), with ``values`` filled in, worded for its
    ``readers`` where :data:`READERS_TEXTS` words it for a group or a channel."""
    table = TEXTS.get(language, AR)
    if key not in table:
        table, language = AR, "ar"
    template = table[key]
    if readers != "private":
        template = READERS_TEXTS[readers][language].get(key, template)
    return _Formatter(language).format(template, **values) if values else template
