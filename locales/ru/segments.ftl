problems-unknown_field = «{ $token }» в позиции { $offset } — не поле. Поля: tag, has, lang, status, dead, premium, ref, parent, poll, topic, id, joined, seen, messages, sessions, clicks, referrals, sentiment; атрибуты пишутся как key=value.
problems-bad_key = «{ $token }» в позиции { $offset } — не ключ атрибута: допустимы 1–64 буквы, цифры или _.
problems-bad_operator = «{ $token }» в позиции { $offset } не подходит для { $field }: пишите { $usage }.
problems-missing_value = У «{ $token }» в позиции { $offset } нет значения.
problems-value_too_long = Значение в позиции { $offset } длиннее 1 КБ.
problems-unclosed_quote = Кавычка в позиции { $offset } не закрыта.
problems-text_after_quote = «{ $token }» в позиции { $offset } идёт сразу после закрывающей кавычки: поставьте перед ним пробел.
problems-bad_tag = «{ $token }» в позиции { $offset } — не тег: в теге 1–32 буквы, цифры, _ или -.
problems-bad_language = «{ $token }» в позиции { $offset } — не код языка вроде en или pt-br.
problems-bad_status = «{ $token }» в позиции { $offset } — не статус: используйте active, pending или banned.
problems-bad_yes_no = «{ $token }» в позиции { $offset }: { $field } принимает yes или no.
problems-bad_ref = «{ $token }» в позиции { $offset }: пишите ref:r<код реферала> или ref:a<код кампании>.
problems-bad_id = «{ $token }» в позиции { $offset } — не Telegram id (нужно целое число).
problems-bad_poll = «{ $token }» в позиции { $offset }: пишите poll:<id рассылки> (ответил) или poll:<id рассылки>=<номер варианта> (выбрал его, считая с 1).
problems-bad_topic = «{ $token }» в позиции { $offset } — не название темы: в названии 1–32 буквы, цифры, _ или -.
problems-unknown_topic = «{ $token }» в позиции { $offset }: темы с таким названием нет.
problems-bad_number = «{ $token }» в позиции { $offset } — не число вроде 10 или -0.5.
problems-bad_time = «{ $token }» в позиции { $offset } — не дата: пишите 2026-01-31, 2026-01-31T18:00, 2026-01-31T18:00:00Z или -7d — 7 дней назад (h, d, w).
problems-not_comparable = «{ $token }» в позиции { $offset }: сравнивать через < и > можно только числа и даты.
problems-not_a_condition = «{ $token }» в позиции { $offset } — не условие: пишите поле:значение (tag:vip) или ключ=значение (country=Malaysia).
problems-misplaced_or = Для «{ $token }» в позиции { $offset } нужно условие с каждой стороны.
problems-misplaced_and = Для «{ $token }» в позиции { $offset } нужно условие с каждой стороны.
problems-misplaced_minus = «-» в позиции { $offset } должен стоять прямо перед условием или группой.
problems-unclosed_paren = Скобка в позиции { $offset } не закрыта.
problems-unexpected_paren = Скобка в позиции { $offset } ничего не закрывает.
problems-empty_group = Скобки в позиции { $offset } пусты.
problems-too_deep = Слишком глубокая вложенность групп и отрицаний в позиции { $offset }.
problems-too_many_conditions = Слишком много условий: условие в позиции { $offset } превышает лимит { $limit }.
usage-tag = tag:vip
usage-has = has:email, has:phone, has:username, has:name или has:<ключ атрибута>
usage-lang = lang:en
usage-status = status:active
usage-dead = dead:yes или dead:no
usage-premium = premium:yes или premium:no
usage-ref = ref:r<код реферала> или ref:a<код кампании>
usage-parent = parent:<Telegram id>
usage-poll = poll:<id рассылки> или poll:<id рассылки>=<номер варианта>
usage-topic = topic:<название темы>
usage-number = { $field }>=10 (или <, <=, >, =, !=)
usage-time = { $field }>2026-01-31 (или <, <=, >=, =, !=)
usage-attribute = { $field }=значение, { $field }!=значение или { $field }>значение с числом или датой
