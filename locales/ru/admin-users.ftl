title = 👥 Пользователи
summary = Известно пользователей: { $count }. Найдите нужного или просмотрите сегмент.
search-button = 🔎 Поиск
browse-button = 📋 Список
search-prompt = Отправьте Telegram id, @username, имя, телефон или email.
search-too-long = Слишком длинный запрос: отправьте не больше 200 символов в одну строку.
search-title = 🔎 Результаты поиска
query-line = Запрос:{ " " }
no-matches = Ничего не найдено.
matches = Найдено: { $count } (показано не больше { $limit }):
browse-prompt = Отправьте сегмент, например tag:vip lang:en -dead:yes, или all — все пользователи.
segment-too-long = Слишком длинный сегмент: отправьте не больше 1000 символов.
browse-title = 📋 Пользователи
segment-line = Сегмент:{ " " }
everyone = all
browse-count = Пользователей в сегменте: { $count }.
browse-empty = В этом сегменте нет пользователей.
user-item = { $name } · { $id }
row-line = • { $name } · { $id }
row-tags = 🏷 { $tags }
row-field = { $label }: { $value }
row-empty = —
row-fields-line = В строках: теги и { $fields }
row-fields-none = больше ничего
row-fields-button = 🧾 Поля строк
ask-row-fields =
    Какие поля показывать в каждой строке списка пользователей после тегов? Отправьте до { $max } через запятую из: { $fields }; или attribute:<key> для своего атрибута. Отправьте -, чтобы показывать только теги.
    Сейчас: { $current }
row-field-unknown = «{ $field }» — не поле: используйте { $fields } или attribute:<key> (a-z, 0-9, _).
row-fields-too-many = Не больше { $max } полей.
row-field-twice = «{ $field }» указано дважды.
gone = Этого пользователя больше нет.
card-imported-id = импортирован, без Telegram id
card-none = —
card-yes = да
card-no = нет
card-alive = жив
card-dead = мёртв с { $at } ({ $reason })
card-not-paused = не на паузе
card-paused-until = на паузе до { $until }
card-paused-forever = на паузе до возобновления
card-lines =
    👤 { $name }
    Id: { $id }
    Username: { $username }
    Язык: { $language } · Premium: { $premium }
    Статус: { $status } · { $liveness }
    Регистрация: { $registered } · Впервые: { $first_seen } · Последний визит: { $last_seen }
    Email: { $email }
    Телефон: { $phone }
    Часовой пояс: { $timezone } · Пол: { $gender }{ $local_time }
    Пригласивший: { $parent } · Кампания: { $campaign } · Рефералы: { $referrals }
    👥 Общие группы: { $groups }
    Теги: { $tags }
    Темы: { $topics }
    Атрибуты: { $attributes }
    Заметки: { $notes }
    Активность: сессий { $sessions }, сообщений { $messages }, кликов { $clicks } (кнопки и ссылки), проведено { $time }, настроение { $sentiment }
    Последнее сообщение: { $last_message } ({ $last_message_at })
    Бот: { $pause } · Бесконечная сессия: { $infinite }
card-more-attributes = { " " }(и ещё { $count })
card-local-time =
    { "" }
    🕐 Местное время: { $time } ({ $timezone })
card-contact-sources-shared_contact = { " " }(✅ его собственный контакт Telegram)
card-contact-sources-owner = { "" }
card-contact-sources-self_reported = { " " }(⚠️ введён пользователем, не проверен)
card-contact-sources-unknown = { " " }(⚠️ источник неизвестен, не проверен)
tags-button = 🏷 Теги
attributes-button = 🔑 Атрибуты
notes-button = 🗒 Заметки
edit-button = ✏️ Изменить
pause-button = ⏸ Пауза бота
resume-button = ▶ Снять паузу
infinite-button = ♾ Бесконечная сессия
ban-button = 🚫 Заблокировать
unban-button = ✅ Разблокировать
photo-button = 🖼 Обновить фото
replace-photo-button = 🖼 Заменить фото
replace-photo-prompt = Отправьте фото, которое будет показано в карточке пользователя вместо фото его профиля.
not-photo = Отправьте фото (не файл и не текст).
download-button = 📥 Скачать данные
delete-button = 🗑 Удалить
tags-title =
    🏷 Теги: { $name }

    Нажмите на тег, чтобы убрать его.
no-tags = Тегов пока нет.
add-tag-button = ➕ Добавить тег
remove-item = ✖ { $item }
tag-prompt = Отправьте тег: 1–32 буквы, цифры, _ или -.
attributes-title =
    🔑 Атрибуты: { $name }

    Нажмите на атрибут, чтобы удалить его.
no-attributes = Атрибутов пока нет.
set-attribute-button = ➕ Задать атрибут
attribute-prompt = Отправьте ключ=значение (ключ: 1–64 строчные латинские буквы, цифры или _; значение до 1 КБ).
attribute-format = Напишите в виде ключ=значение.
notes-title = 🗒 Заметки: { $name }
no-notes = Заметок пока нет.
notes-page = Страница { $page } из { $pages }, сначала новые
notes-at-first-page = Это уже первая страница.
notes-at-last-page = Это уже последняя страница.
note-line = { $n }. { $at }, { $author }: { $text }
add-note-button = ➕ Добавить заметку
delete-note-item = 🗑 Заметка { $n }
note-prompt = Отправьте заметку.
edit-note-item = ✏️ Заметка { $n }
edit-note-prompt = Отправьте новый текст заметки.
note-gone = Этой заметки больше нет.
edit-title =
    ✏️ Изменить: { $name }

    Что поменять?
edit-names-button = Имя и фамилия
edit-email-button = Email
edit-phone-button = Телефон
edit-timezone-button = Часовой пояс
edit-gender-button = Пол
clear-hint = Отправьте -, чтобы очистить.
first-name-prompt = Отправьте имя (- — без имени: «Дорогой пользователь»).
last-name-prompt = Отправьте фамилию (- — без фамилии).
email-prompt = Отправьте email.
phone-prompt = Отправьте номер телефона с кодом страны, например +60123456789.
timezone-prompt = Отправьте часовой пояс IANA, например Asia/Kuala_Lumpur.
gender-prompt = Отправьте пол (короткий текст в свободной форме).
pause-title =
    ⏸ Пауза бота для { $name }

    Пока бот на паузе, сообщения пользователя идут в чат поддержки.
pause-minutes = ⏸ { $minutes } мин.
pause-forever = ⏸ До возобновления
no-telegram-id = У этого контакта нет Telegram id: бот не может ему написать.
delete-confirm = 🗑 Удалить { $name } ({ $id }) и всё, что о нём хранится? Это нельзя отменить.
delete-yes = 🗑 Да, удалить
delete-no = ✖ Нет
delete-admin = Этот пользователь — администратор: сначала снимите с него права администратора.
deleted = ✅ Пользователь и его данные удалены.
photo-none = У этого пользователя нет фото профиля (или оно скрыто).
photo-stored = 🖼 Фото профиля обновлено.
photo-failed = Telegram отказал: { $reason }
download-caption = 📥 Всё, что хранится о пользователе { $id }.
field-errors-invalid_name = Имя — не больше 64 символов.
field-errors-invalid_email = Это не адрес электронной почты.
field-errors-invalid_phone = Это не номер телефона: укажите + и код страны, 7–15 цифр.
field-errors-invalid_timezone = Это не название часового пояса IANA, например Europe/Berlin.
field-errors-invalid_gender = Пол — короткий текст (не больше 32 символов).
field-errors-invalid_attribute_key = Ключ — от 1 до 64 строчных латинских букв, цифр или _.
field-errors-attribute_value_too_long = Значение длиннее 1 КБ.
field-errors-empty_attribute_value = Значение пустое; чтобы удалить атрибут, нажмите ➖ Удалить.
field-errors-invalid_tag = Тег — от 1 до 32 букв, цифр, _ или -.
field-errors-invalid_note = Заметка — непустой текст не длиннее 4096 символов.
field-errors-invalid_language = Это не код языка, например en, ru или pt-br.
tools-button = 🧰 Инструменты
card-statuses-active = активен
card-statuses-pending = не завершил вход
card-statuses-banned = заблокирован
card-hours-minutes = { $hours } ч { $minutes } мин
card-minutes-seconds = { $minutes } мин { $seconds } с
language-button = 🌐 Язык: { $language }
language-from-telegram = { $language } (Telegram)
language-title =
    🌐 Язык пользователя { $name }

    Язык в Telegram: { $telegram }. Выбран: { $chosen }.
    Usher говорит с пользователем на выбранном языке, иначе — на языке Telegram, если знает его, иначе — по-английски. Выберите язык или верните язык Telegram.
language-telegram-button = 📱 Язык Telegram
