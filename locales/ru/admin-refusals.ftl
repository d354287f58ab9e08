refusal-texts-invalid_name = ❌ Некорректное название: { $reason }
refusal-texts-invalid_email = Это не адрес электронной почты.
refusal-texts-invalid_phone = Это не номер телефона: укажите + и код страны, 7–15 цифр.
refusal-texts-invalid_timezone = Это не название часового пояса IANA, например Europe/Berlin.
refusal-texts-invalid_gender = Пол — короткий текст (не больше 32 символов).
refusal-texts-invalid_attribute_key = Ключ — от 1 до 64 строчных латинских букв, цифр или _.
refusal-texts-attribute_value_too_long = Значение длиннее 1 КБ.
refusal-texts-empty_attribute_value = Значение пустое; чтобы удалить атрибут, нажмите ➖ Удалить.
refusal-texts-invalid_tag = Тег — от 1 до 32 букв, цифр, _ или -.
refusal-texts-invalid_note = Заметка — непустой текст не длиннее 4096 символов.
refusal-texts-invalid_language = Это не код языка, например en, ru или pt-br.
refusal-texts-invalid_request = { $reason }
refusal-texts-invalid_code = ❌ Некорректный код: { $reason }
refusal-texts-referral_prefix = ❌ Этот код зарезервирован для реферальных ссылок: { $reason }
refusal-texts-code_taken = Код { $code } тем временем занял другой администратор. Ничего не создано; начните заново.
refusal-texts-invalid_tags = ❌ Некорректные теги: { $reason }
refusal-texts-invalid_deeplink = ❌ Некорректный код диплинка: { $reason }
refusal-texts-invalid_topics = ❌ Некорректные темы: { $reason }
refusal-texts-invalid_payload = ❌ Некорректное сообщение: { $reason }
refusal-texts-invalid_text = ❌ Некорректный текст: { $reason }
refusal-texts-invalid_markup = ❌ В тексте сломано форматирование: { $reason }
refusal-texts-invalid_copy = ❌ Это сообщение нельзя скопировать: { $reason }
refusal-texts-invalid_album = ❌ Некорректный альбом: { $reason }
refusal-texts-invalid_poll = ❌ Некорректный опрос: { $reason }
refusal-texts-invalid_buttons = ❌ Некорректные кнопки: { $reason }
refusal-texts-buttons_with_album = ❌ К альбому нельзя добавить кнопки. Ничего не создано.
refusal-texts-invalid_form_button = ❌ Некорректная кнопка формы: { $reason }
refusal-texts-unknown_form = 🤷 Такой формы нет. Ничего не сохранено.
refusal-texts-unknown_template_field = ❌ В тексте есть { "{" }{ $template_field }{ "}" } — такого поля нет ни у одного пользователя. Используйте поле имени ({ $first_name }, { $last_name }, { $full_name }, { $username }, { $id }), поле профиля ({ $email }, { $phone }, { $language }, { $timezone }, { $gender }, { $country }) или { "{attr.<key>}" }, у каждого можно указать запасное значение: { "{attr.plan|free}" }. Ничего не сохранено.
refusal-texts-invalid_segment = ❌ Некорректный сегмент: { $reason }
refusal-texts-invalid_variants = ❌ Некорректные варианты: { $reason }
refusal-texts-invalid_dead_after = ❌ «Мёртв после» — целое число от 1 до 5.
refusal-texts-invalid_rate = ❌ Некорректная скорость: { $reason }
refusal-texts-paid_broadcast_off = ⚡ Платные рассылки выключены в 📬 Настройках рассылок. Ничего не создано.
refusal-texts-invalid_schedule = ❌ Некорректное время отправки: { $reason }
refusal-texts-schedule_in_past = 🗓 Это время уже прошло. Ничего не запланировано; начните заново.
refusal-texts-not_found = 🤷 Этого уже нет: кто-то успел это удалить.
refusal-texts-invalid_delay = ❌ Некорректная задержка: { $reason }
refusal-texts-invalid_window = ❌ Некорректное окно отправки: { $reason }
refusal-texts-invalid_position = ❌ Некорректная позиция: { $reason }
refusal-texts-unknown_campaign = 🤷 Этой ссылки кампании больше нет: кто-то успел её удалить. Ничего не изменено.
refusal-texts-ref_link_only_without_links = Сначала включите реферальные ссылки пользователей или ссылки кампаний: без них доступ только по реферальной ссылке не пропустит ни одного новичка.
refusal-texts-rate_above_free_limit = ⚡ Для скорости выше 30 сообщений/с нужно включить платные рассылки (📬 Настройки рассылок). Ничего не изменено.
refusal-texts-is_admin = Этот пользователь — администратор: сначала снимите с него права администратора.
refusal-texts-no_telegram_id = У этого контакта нет Telegram id: бот не может ему написать.
refusal-texts-not_imported = ❌ Объединить с пользователем Telegram можно только импортированный контакт (без Telegram id).
refusal-texts-not_telegram_user = ❌ Это импортированный контакт без Telegram id, а не пользователь Telegram.
refusal-texts-duplicate =
    ❌ Пользователь не создан:
    { $problems }
refusal-texts-invalid_user =
    ❌ Пользователь не создан:
    { $problems }
refusal-texts-ambiguous = ❌ Этот телефон или email есть у нескольких пользователей; сначала измените или удалите одного из них.
refusal-texts-conflict = ❌ Этот телефон или email принадлежит другому пользователю Telegram.
refusal-texts-import_in_progress = ⏳ Сейчас применяется другой импорт. Отправьте этот файл ещё раз, когда он закончится.
refusal-texts-import_interrupted = ⏳ Предыдущий импорт был прерван и сейчас завершается. Отправьте этот файл ещё раз через несколько секунд.
refusal-texts-not_owner =
    👮 Администраторы

    Управлять администраторами могут только владельцы (ADMIN_IDS).
refusal-texts-is_owner = Это уже владелец (из ADMIN_IDS). Отправьте кого-нибудь другого (или /cancel).
refusal-texts-already_admin = Этот человек уже администратор. Отправьте кого-нибудь другого (или /cancel).
refusal-texts-not_added =
    👮 Администратор

    Этот человек больше не добавленный администратор.
refusal-texts-invalid_prompt = ❌ Некорректный вопрос: { $reason }
refusal-texts-invalid_target = ❌ Сюда нельзя сохранить ответ: { $reason }
refusal-texts-kind_target_mismatch = ❌ Вопрос такого типа не может заполнить это поле: { $reason }
refusal-texts-invalid_choices = ❌ Некорректные варианты ответа: { $reason }
refusal-texts-invalid_reask = ❌ Некорректный текст повторного вопроса: { $reason }
refusal-texts-invalid_expiry = ❌ Некорректный срок: { $reason }
refusal-texts-invalid_order = ❌ Некорректный порядок: { $reason }
refusal-texts-built_in_form = 🔒 Форму /profile можно редактировать, но нельзя удалить.
refusal-texts-no_questions = ❌ В форме пока нет вопросов: сначала добавьте хотя бы один.
refusal-texts-user_not_active = ❌ Этот пользователь не активен, поэтому форму нельзя отправить.
refusal-texts-admin_user = ❌ Администраторы не заполняют формы (их сообщения попадают в админ-меню); посмотреть, как форма начинается, можно через 👁 Предпросмотр.
refusal-texts-invalid_topic_name = ❌ Некорректное название: { $reason }. Ничего не сохранено.
refusal-texts-invalid_topic_description = ❌ Некорректное описание: { $reason }. Ничего не сохранено.
refusal-texts-topic_name_taken = ❌ Тема с названием { $topic_name } уже есть. Ничего не сохранено.
refusal-texts-unknown_topic = 🤷 Этой темы больше нет: кто-то успел её удалить.
refusal-texts-unknown_topic_text_field = ❌ { $message }. Ничего не сохранено.
refusal-texts-too_many_requests = ⏳ Слишком много запросов; повторите через { $retry_after_seconds } с.
refusal-texts-unknown_subject = 🤷 Этого текста больше нет: кто-то успел его удалить. Ничего не сохранено.
unknown-refusal = ❌ Не выполнено: { $message }
