texts-page-title =
    🧰 Работа с пользователями

    Экспорт и импорт пользователей в CSV, создание пользователя вручную, теги и атрибуты сразу для целого сегмента.
texts-export-button = 📤 Экспорт CSV
texts-import-button = 📥 Импорт CSV
texts-create-button = ➕ Создать
texts-bulk-tag-button = 🏷 Тег всем
texts-bulk-attribute-button = 🔑 Атрибут всем
texts-ask-segment = Каким пользователям? Отправьте сегмент, например «tag:vip status:active -tag:test», или «all» — всем.
texts-segment-not-text = Отправьте сегмент текстом или «all» — всем.
texts-export-caption = 👥 Пользователей: { $count }
texts-nobody-matches = Под этот сегмент не подходит ни один пользователь. Ничего не изменено.
texts-ask-file = Отправьте CSV-файл документом (разделитель — запятая, точка с запятой или табуляция; до 20 МБ).
texts-not-document = Отправьте CSV-файл документом (📎 → Файл), а не текстом или фото.
texts-too-big = Размер файла — { $size } МБ, а боты в Telegram могут скачивать файлы только до 20 МБ. Разделите его и отправьте по частям.
texts-not-csv = «{ $name }» не похож на CSV-файл. Экспортируйте файл .csv (разделитель — запятая, точка с запятой или табуляция) и отправьте его.
texts-download-failed = Не удалось скачать файл из Telegram. Отправьте его ещё раз.
texts-file-refused =
    ❌ «{ $name }» нельзя импортировать:
    { $problems }
texts-dry-run-title = 🔍 Пробный прогон «{ $name }»: пока ничего не изменено.
texts-dry-run-counts =
    Строк: { $rows } · в порядке: { $fine } · с ошибками: { $wrong }
    Будет создано: { $created }, обновлено: { $updated }, без изменений: { $unchanged }.
texts-wrong-rows-title = Строки с ошибками (первые { $shown } из { $wrong }):
texts-nothing-to-import = Ни одну строку нельзя импортировать. Исправьте файл и отправьте его снова.
texts-ask-import-choice = Импортировать файл?
texts-import-all = ✅ Импортировать всё
texts-import-valid-only = ☑️ Только верные строки
texts-cancel = ❌ Отмена
texts-use-buttons = Ответьте одной из кнопок ниже.
texts-import-all-refused = Строк с ошибками: { $wrong }, поэтому «Импортировать всё» ничего не импортирует. Выберите «Только верные строки» или отмените и исправьте файл.
texts-import-changed = С момента пробного прогона результат изменился (пользователи тем временем поменялись). Ничего не импортировано; отправьте файл ещё раз.
texts-import-in-progress = ⏳ Сейчас применяется другой импорт. Отправьте этот файл ещё раз, когда он закончится.
texts-import-interrupted = ⏳ Предыдущий импорт был прерван и сейчас завершается. Отправьте этот файл ещё раз через несколько секунд.
texts-import-done = ✅ Импорт завершён: создано { $created }, обновлено { $updated }, без изменений { $unchanged }, пропущено { $skipped }.
texts-cancelled = Отменено. Ничего не изменено.
texts-ask-keys = Отправьте Telegram id нового пользователя и/или телефон или email через пробел, например «123456789» или «+60123456789 ann@example.com». Телефон начинается с +.
texts-keys-not-text = Отправьте id, телефон или email текстом.
texts-bad-key-token = «{ $token }» — это не Telegram id (цифры), не телефон (начинается с +) и не email.
texts-two-of-a-kind = Отправьте не больше одного Telegram id, одного телефона и одного email.
texts-ask-first-name = Имя? Отправьте -, если без имени (тогда пользователь будет показан как «Дорогой пользователь»).
texts-ask-last-name = Фамилия? Отправьте -, если без фамилии.
texts-name-too-long = Имя — не больше { $max } символов.
texts-name-not-text = Отправьте имя текстом или -, если без имени.
texts-created = ✅ Пользователь { $id } создан.
texts-created-without-telegram = ✅ Контакт { $id } создан. Без Telegram id ему нельзя написать, пока он не появится в Telegram.
texts-not-created =
    ❌ Пользователь не создан:
    { $problems }
texts-ask-tag = Отправьте +тег, чтобы добавить тег, или -тег, чтобы убрать его (буквы, цифры, _ и -, до 32 символов), например «+vip».
texts-bad-tag = Отправьте + или - и сразу тег, например «+vip» или «-trial»; тег — от 1 до 32 символов из a–z, 0–9, _ и -.
texts-confirm-add-tag = Добавить тег «{ $tag }» пользователям ({ $count })?
texts-confirm-remove-tag = Убрать тег «{ $tag }» у пользователей ({ $count })?
texts-ask-attribute = Отправьте ключ=значение, чтобы задать атрибут, или -ключ, чтобы удалить его, например «plan=gold» или «-plan».
texts-bad-attribute = Отправьте ключ=значение или -ключ; ключ — от 1 до 64 символов из a–z, 0–9 и _, значение — не больше 1 КБ.
texts-confirm-set-attribute = Задать { $key } = «{ $value }» пользователям ({ $count })?
texts-confirm-unset-attribute = Удалить атрибут { $key } у пользователей ({ $count })?
texts-apply = ✅ Применить
texts-bulk-done = ✅ Готово: изменено { $changed } из { $count }.
problem-texts-cell_count = ячеек: { $got }, а в заголовке: { $expected }
problem-texts-no_key = нет ни Telegram id, ни телефона, ни email
problem-texts-invalid = { $column }: некорректное значение «{ $value }»
problem-texts-too_long = { $column }: длиннее { $max }
problem-texts-value_in_unnamed_column = значение в столбце { $position }, у которого нет заголовка
problem-texts-active_without_telegram_id = для статуса active нужен Telegram id
problem-texts-duplicate = { $field } «{ $value }» уже есть в строке { $first_line }
problem-texts-conflict = { $field }: принадлежит другому пользователю ({ $user_id })
problem-texts-bad_attribute_name = столбец «{ $header }» — некорректное имя атрибута (a–z, 0–9 и _, до 64 символов)
problem-texts-same_field = столбцы «{ $first }» и «{ $second }» означают одно и то же поле
problem-texts-same_attribute = столбцы «{ $first }» и «{ $second }» — один и тот же атрибут
problem-texts-no_key_column = нет столбца с Telegram id, телефоном или email
problem-texts-empty = файл пустой
problem-texts-not_utf8 = файл не в кодировке UTF-8
problem-texts-malformed = строку { $line } не удалось прочитать: { $message }
problem-texts-create-invalid = { $field }: некорректное значение
problem-texts-create-too-long = { $field }: длиннее { $max } символов
problem-texts-create-duplicate = у пользователя { $user_id } уже есть такое значение поля «{ $field }»
field-labels-telegram-id = Telegram id
field-labels-first-name = имя
field-labels-last-name = фамилия
field-labels-username = username
field-labels-language-code = язык
field-labels-chosen-language = выбранный язык
field-labels-phone = телефон
field-labels-email = email
field-labels-timezone = часовой пояс
field-labels-gender = пол
field-labels-tags = теги
field-labels-status = статус
field-labels-registered-at = дата регистрации
field-labels-notes = заметки
texts-wrong-row = строка { $line }: { $problems }
