texts-extensions-button = 🏷 Темы
texts-title =
    🏷 Темы

    Пользователи подписываются на темы через /topics; рассылка на topic:<название> доходит до подписчиков.
texts-none = Тем пока нет.
texts-count = Тем: { $count } (страница { $page } из { $pages }):
texts-line = • { $name }: подписчиков — { $subscribers }
texts-item = 🏷 { $name }
texts-new-button = ➕ Новая тема
texts-topic-title = 🏷 { $name }
texts-topic-details =
    { $description }

    Подписчиков: { $subscribers }
    В сегменте: topic:{ $name }
texts-no-description = (без описания)
texts-gone = 🤷 Этой темы больше нет.
texts-rename-button = ✏️ Переименовать
texts-describe-button = 📝 Описание
texts-delete-button = 🗑 Удалить
texts-confirm-delete = Удалить тему { $name }? Все её подписчики ({ $subscribers }) будут отписаны. Это нельзя отменить.
texts-confirm-yes = 🗑 Да, удалить
texts-confirm-no = Нет, оставить
texts-ask-name = Отправьте название темы: от 1 до 32 букв, цифр, _ и -, без пробелов (например, News).
texts-ask-description = Отправьте описание темы (не больше 256 символов) или -, если без описания.
texts-created = ✅ Тема { $name } создана. Пользователи видят её в /topics.
texts-saved = ✅ Сохранено.
texts-texts-button = 📝 Тексты
texts-texts-title =
    📝 Тексты /topics

    Что пользователи видят в /topics и под рассылками по темам. Нажмите на текст, чтобы изменить его или вернуть стандартный.
texts-texts-line = • { $label }{ $changed }: { $value }
texts-texts-changed = { " " }(изменён)
texts-text-title =
    📝 { $label }

    { $value }

    { $origin }
    Поля: { $fields }. Не больше { $max } символов.
texts-text-default = Это стандартный текст.
texts-text-override =
    Изменён администратором; стандартный:
    { $default }
texts-no-fields = нет
texts-edit-text-button = ✏️ Изменить
texts-reset-text-button = ↩ Вернуть стандартный
texts-ask-text = Отправьте новый текст для «{ $label }». Поля: { $fields }. Не больше { $max } символов.
texts-text-too-long = В тексте { $length } символов, а здесь можно не больше { $max }. Отправьте покороче.
texts-card-button = 🔖 Темы
texts-card-title =
    🏷 Темы пользователя { $user }

    { $lines }

    Нажмите на тему с ✅, чтобы отписать пользователя, или с ▫️, чтобы подписать.
texts-card-subscribed = ✅ { $name } ({ $source }, с { $since })
texts-card-not-subscribed = ▫️ { $name }
texts-card-no-topics = Тем пока нет: создайте их в 🧩 Extensions → 🏷 Темы.
source-labels-user = сам
source-labels-button = кнопкой
source-labels-deeplink = по диплинку
source-labels-form = через форму
source-labels-admin = администратором
source-labels-api = через API
topic-text-labels-list = Заголовок /topics
topic-text-labels-none = /topics, когда тем нет
topic-text-labels-subscribed = Ответ: подписка оформлена
topic-text-labels-unsubscribed = Ответ: подписка отменена
topic-text-labels-gone = Ответ: темы больше нет
topic-text-labels-unsubscribe-button = Кнопка 🔕 под рассылками по темам
topic-text-labels-already-unsubscribed = Ответ на 🔕 без подписки
topic-text-labels-unsubscribed-by-button = Ответ на 🔕
