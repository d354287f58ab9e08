dear-user = Дорогой пользователь
welcome = Добро пожаловать, { $first_name }! 👋
captcha-intro = 🤖 Небольшая проверка, что вы человек.
captcha-emoji-question = Нажмите на { $target }
captcha-math-question = Сколько будет { $a } + { $b }?
captcha-wrong = ❌ Неверно. Вот новое задание.
captcha-expired = ⌛ Время проверки истекло. Вот новое задание.
captcha-cooldown = ⏳ Слишком много неверных ответов. Попробуйте снова через { $minutes } мин.
captcha-passed = ✅ Спасибо, проверка пройдена.
captcha-stale = Эта проверка уже недействительна.
join-check-prompt = 📢 Чтобы пользоваться ботом, подпишитесь:
join-check-joined-button = Проверить подписку ✅
join-check-still-missing = Вы подписались ещё не на все чаты.
join-check-unavailable = ⏳ Сейчас не удалось проверить ваши подписки. Попробуйте ещё раз чуть позже.
join-check-retry-button = 🔄 Ещё раз
join-check-inaccessible-alert = ⚠️ Проверка подписки: не могу получить участников «{ $title }» ({ $chat_id }): { $reason }. Сделайте меня администратором там или уберите чат из списка. Пока это не исправлено, пользователи проходят без проверки.
ref-link-only = 🔒 Вход в этот бот только по приглашению. Воспользуйтесь реферальной ссылкой.
maintenance = 🛠 В боте идут техработы. Загляните чуть позже.
gate-pending = Сначала завершите проверку выше.
language-prompt = 🌐 Выберите язык:
language-chosen = ✅ Теперь я говорю с вами по-русски.
referral-link =
    🤝 Приглашайте друзей по своей личной ссылке:
    { $link }

    Друзей, пришедших по ней: { $count }
new-user-alert = 🆕 Новый пользователь: { $full_name } ({ $username }, id { $id }){ $source }
new-user-alert-referrer =
    { "" }
    Пригласил: { $name } (id { $id })
new-user-alert-campaign =
    { "" }
    Кампания: { $name } ({ $code })
new-user-digest-heading = 🆕 Новых пользователей за минуту с { $time } UTC: { $count } ({ $sources })
new-user-digest-heading-one = 🆕 Новый пользователь за минуту с { $time } UTC ({ $sources })
new-user-digest-campaign = { $count } — из кампании { $name }
new-user-digest-deleted-campaign = { $count } — из удалённой кампании
new-user-digest-referrer = { $count } — по приглашению { $name } (id { $id })
new-user-digest-direct = { $count } — напрямую
new-user-digest-other-sources = { $count } — из других источников (ещё источников: { $sources })
new-user-digest-besides-singles = Не считая показанных выше по отдельности: { $count }.
new-user-digest-counting = ⏳ Подсчёт идёт: сообщение обновляется до конца минуты.
new-user-digest-final = ✅ Итоговый подсчёт.
admin-keyboard-button = 🔐Админ
admin-keyboard-hint = Нажмите 🔐Админ внизу (или отправьте /admin), чтобы управлять ботом.
admin-root-title =
    🔐 Админ

    Здесь можно управлять Usher. Каждое изменение применяется сразу и записывается в журнал действий.
admin-open-app-button = 📱 Открыть приложение
admin-app-menu-button = 📱 Приложение
admin-back = ⬅ Назад
admin-on = ✅
admin-off = ❌
admin-menu-outdated = Меню тем временем изменилось; вот актуальное.
admin-cancel-hint = Отправьте /cancel, чтобы отменить.
admin-cancelled = Отменено. Ничего не изменилось.
admin-nothing-to-cancel = Отменять нечего.
admin-not-allowed = Это доступно только администраторам.
admin-empty-text = Текст пустой. Отправьте, пожалуйста, текст.
admin-text-too-long = В тексте { $length } символов, а Telegram допускает не больше 4096. Отправьте текст покороче.
admin-not-text = Отправьте, пожалуйста, текст (или /cancel).
admin-saved = ✅ Сохранено.
admin-page-of = Страница { $page } из { $pages }.
admin-users-button = 👥 Пользователи
admin-extensions-button = 🧩 Расширения
admin-extensions-title =
    🧩 Расширения

    Этапы входа новых пользователей.
admin-extensions-protection-button = 📂 Защита
admin-extensions-referrals-button = 📂 Рефералы
admin-extensions-deeplinks-button = 🔗 Диплинки
admin-extensions-alerts-button = 🔔 Уведомления о новых
