button = 🔘 Кнопки
ask =
    🔘 URL-кнопки под сообщением. Один ряд — одна строка, кнопки в ряду разделяются |, каждая в виде
    Название - https://example.com

    Пример:
    Наш сайт - https://example.com | Канал - https://t.me/example

    Отправьте -, чтобы убрать кнопки. Сейчас:
    { $current }
none = нет
problem-format = Строка { $line }, кнопка { $button }: пишите в виде Название - https://example.com
problem-empty_label = Строка { $line }, кнопка { $button }: пустое название.
problem-label_too_long = Строка { $line }, кнопка { $button }: название не длиннее 64 символов.
problem-bad_url = Строка { $line }, кнопка { $button }: ссылка должна начинаться с https://, http:// или tg://
problem-too_many_in_row = Строка { $line }: не больше 8 кнопок в ряду.
problem-too_many_rows = Не больше 10 рядов кнопок.
problem-none = Кнопки не найдены. Отправьте их в виде Название - https://example.com или -, чтобы без кнопок.
saved = ✅ Кнопок сохранено: { $count }.
removed = ✅ Кнопки удалены.
summary = Кнопки: { $buttons }
tracked = Клики по http(s)-кнопкам отслеживаются: каждый пользователь получает свою ссылку через { $prefix }…
untracked = Клики не отслеживаются (задайте PUBLIC_URL, чтобы их отслеживать).
