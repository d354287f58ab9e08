protection-title =
    📂 Защита

    Проверки, которые проходит новичок, прежде чем стать пользователем бота: сначала капча, затем проверка подписки.
protection-captcha-link = 🤖 Капча
protection-join-check-link = 📢 Проверка подписки
captcha-title = 🤖 Капча
captcha-on = ВКЛ: новички проходят её прежде всего остального; администраторы её не видят.
captcha-off = ВЫКЛ: новички её пропускают.
captcha-switch = Капча
captcha-kinds-emoji = 😀 Эмодзи
captcha-kinds-math = 🔢 Пример
captcha-kind-help-emoji = нажать названный эмодзи среди шести
captcha-kind-help-math = выбрать сумму двух цифр
captcha-edit-intro = ✏️ Вступление
captcha-edit-passed = ✏️ Текст успеха
captcha-intro-heading = Вступление (над каждым заданием):
captcha-passed-heading = Текст после прохождения:
captcha-ask-intro = Отправьте новое вступление капчи (показывается над каждым заданием).
captcha-ask-passed = Отправьте новый текст, который видит новичок, пройдя капчу.
captcha-no-cooldown = нет
captcha-attempts-title = 🔁 Попытки капчи
captcha-attempts-help = Сколько неверных ответов новичок может дать до паузы.
captcha-attempts-unit = попыток
captcha-expiry-title = ⏳ Срок задания капчи
captcha-expiry-help = Сколько действует задание; просроченное заменяется новым.
captcha-expiry-unit = секунд
captcha-cooldown-title = 🧊 Пауза капчи
captcha-cooldown-help = Сколько новичок ждёт, исчерпав попытки (0 — без ожидания).
captcha-cooldown-unit = секунд
join-check-title = 📢 Проверка подписки
join-check-on = ВКЛ: новички должны вступить во все чаты ниже; недостающие показываются кнопками для вступления.
join-check-off = ВЫКЛ: никого не просят никуда вступать.
join-check-recheck-on = Перепроверка при каждом действии: пользователь, покинувший чат, теряет доступ, пока не вернётся.
join-check-recheck-off = Проверяется один раз, когда приходит новичок.
join-check-recheck-idle = Перепроверка при каждом действии: не действует, пока проверка выключена (сработает, когда её включат).
join-check-switch = Проверка подписки
join-check-recheck-switch = Перепроверять всегда
join-check-cache-title = 🕑 Кэш подписок
join-check-cache-help = Сколько доверять подписке, подтверждённой Telegram, прежде чем спросить снова (нет — спрашивать каждый раз).
join-check-cache-unit = секунд
join-check-edit-prompt = ✏️ Текст призыва
join-check-add-chat = ➕ Добавить чат
join-check-prompt-heading = Текст призыва:
join-check-chats-heading = Обязательные чаты:
join-check-no-chats = Чатов пока нет: проверка пропускает всех. Добавьте чат ниже.
join-check-ask-prompt = Отправьте новый текст, который показывается над кнопками для вступления.
chat-gone = Этого чата (уже) нет в списке.
chat-remove = 🗑 Убрать
chat-confirm-yes = 🗑 Да, убрать
chat-confirm-no = ✖ Отмена
chat-removed = Убрано.
chat-not-in-list = Этого чата нет в списке.
add-chat-private-invite = Бот не может найти чат по приватной ссылке-приглашению (t.me/+… или joinchat). Перешлите мне пост из чата или отправьте его id (например -1001234567890).
add-chat-forwarded-from-user = Это сообщение переслано от человека, а не из канала или группы. Перешлите пост из самого канала или отправьте его @username или id.
add-chat-user-id = Это id человека. У каналов и групп id отрицательные, например -1001234567890.
add-chat-unrecognized = Не могу понять, что это за чат. Перешлите пост из канала или отправьте его @username, его id (например -1001234567890) или ссылку (t.me/username).
add-chat-private-chat = Это личный чат с человеком. Обязательными могут быть только каналы и группы.
add-chat-bad-join-link = Это не ссылка для вступления в Telegram. Отправьте ссылку вида https://t.me/+AbCdEf123 или https://t.me/username.
add-chat-invite-link-name = Usher: проверка подписки
captcha-kind-button = Вид: { $kind }
captcha-attempts-button = Попыток: { $attempts }
captcha-expiry-button = Срок: { $duration }
captcha-cooldown-button = Пауза: { $duration }
captcha-summary =
    Вид: { $kind } ({ $help })
    Попыток: { $attempts }, затем пауза { $cooldown }
    Каждое задание действует { $expiry }
captcha-seconds = { $seconds } с
captcha-minutes = { $minutes } мин
captcha-minutes-seconds = { $minutes } мин { $seconds } с
join-check-cache-button = 🕑 Кэш подписок: { $duration }
join-check-chat-button = 📢 { $title }
chat-details =
    📢 { $title }

    Id: { $chat_id }
    Ссылка для вступления: { $join_url }
chat-confirm =
    Убрать «{ $title }» из обязательных чатов?

    Новичков больше не будут просить вступить в него.
add-chat-ask =
    Отправьте чат, в который должны вступить новички. Подойдёт любое из:
    • пост, пересланный из канала (или сообщение, пересланное из группы)
    • его @username или публичная ссылка (t.me/username)
    • его id, например -1001234567890

    Сначала сделайте @{ $bot } администратором там.
add-chat-not-found = Не могу найти этот чат. Добавьте @{ $bot } в чат администратором и отправьте его снова.
add-chat-duplicate = «{ $title }» уже в списке. Отправьте другой чат или /cancel.
add-chat-bot-not-admin = Я не администратор в «{ $title }». Сделайте @{ $bot } администратором в { $title } и отправьте чат снова.
add-chat-failed = Telegram ответил не так, как ожидалось ({ $description }). Отправьте чат ещё раз чуть позже.
add-chat-ask-join-link = У «{ $title }» нет публичного username, и мне не удалось получить ссылку-приглашение (нужно право приглашать пользователей). Отправьте ссылку-приглашение, например https://t.me/+AbCdEf123.
add-chat-already-listed = «{ $title }» уже в списке.
add-chat-added = ✅ «{ $title }» добавлен.
