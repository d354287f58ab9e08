texts-root-button = 📬 Цепочки
texts-title =
    📬 Цепочки

    Автоворонки: шаги отправляются один за другим, каждый — через свою задержку.
texts-none = Цепочек пока нет.
texts-line = { $state } { $name }: шагов — { $steps }, активных — { $active }, завершили — { $completed }
texts-item = { $state } { $name }
texts-new-button = ➕ Новая цепочка
texts-ask-name = 📬 Как назвать новую цепочку?
texts-created = ✅ Цепочка «{ $name }» создана и пока выключена. Добавьте шаги, затем включите её.
texts-gone = 🤷 Этой цепочки больше нет.
texts-detail =
    📬 { $name }

    Отправка: { $enabled }
    При регистрации: { $registration }
    Кнопка остановки: { $stop }
    Триггер по тегу: { $tag }
    Триггер по диплинку: { $deeplink }
    Триггер по кампании: { $campaign }
    При возвращении: { $resubscribe }

    Подписчики: активных — { $active }, завершили — { $completed }, остановили — { $stopped }
texts-step-line = { $n }. { $kind }{ $form }, через { $delay }{ $window }: отправлено { $sent }, ошибок { $failed }, кликов { $clicks }, отписались { $unsubscribes }{ $voters }
texts-step-form = { " " }+ кнопка формы
texts-step-voters = , ответили { $voters }
texts-no-steps = Шагов пока нет.
texts-window = { " " }в { $start }–{ $end }
texts-kind-text = текст
texts-kind-copy = копия сообщения
texts-kind-album = альбом
texts-kind-poll = опрос
texts-kind-quiz = викторина
texts-enabled-label = Отправка
texts-registration-label = При регистрации
texts-stop-label = Кнопка остановки
texts-resubscribe-label = 🔁 При возвращении: { $mode }
texts-mode-restart = с начала
texts-mode-resume = с того же места
texts-add-step-button = ➕ Добавить шаг
texts-preview-button = 👁 Предпросмотр
texts-ask-content = Отправьте сообщение для шага: текст (работают шаблоны вроде { $first_name }), любое сообщение для копирования (фото, видео, файл…) или опрос (📎 → Опрос): каждый подписчик получит свой опрос, ответы сохраняются.
texts-ask-delay = ⏱ Через сколько после предыдущего шага (для первого — после подписки)? Например 0, 30m, 2h или 1d.
texts-delay-invalid = ❌ Отправьте число с m, h или d (минуты, часы, дни), например 30m, 2h или 1d; 0 — сразу.
texts-ask-window = 🕘 В какие часы можно отправлять (по часовому поясу пользователя, если он известен, иначе — бота)? Например 09:00-20:00 или «any» — в любое время.
texts-window-invalid = ❌ Отправьте два времени, например 09:00-20:00, или «any».
texts-step-added = ✅ Шаг { $n } добавлен.
texts-preview-none = В этой цепочке нет шагов для предпросмотра.
texts-campaign-button = 📣 Кампания: { $campaign }
texts-campaign-title =
    📣 По какой ссылке кампании новички подписываются на «{ $name }»? Сейчас: { $campaign }.

    Подписываются новички, которые зарегистрируются по ней с этого момента.
texts-campaign-none = Ссылок кампаний пока нет: их создают в 📂 Рефералах.
texts-campaign-clear = ✖️ Без кампании
texts-campaign-deleted = (удалена)
texts-subscribe-segment-button = 👥 Подписать сегмент
texts-ask-segment =
    👥 Кого подписать на «{ $name }»? Отправьте сегмент, как для аудитории рассылки: условия через пробел должны выполняться все, OR — между вариантами, - прямо перед условием отрицает его.

    tag:trial · lang:en · status:active · has:email · joined>2026-01-31 · seen>-7d · ref:a<код кампании>

    Пример: tag:trial lang:en
    Дни считаются по часовому поясу { $timezone }. Подписываются только живые пользователи (не мёртвые, не заблокированные и не ушедшие).
texts-segment-not-text = ❌ Отправьте сегмент текстом, например tag:trial lang:en
texts-segment-nobody = 🤷 Под этот сегмент не подходит ни один живой пользователь. Отправьте другой.
texts-confirm-segment = Подписать пользователей ({ $count }) на «{ $name }»? Те, кто уже в цепочке, останутся как есть; те, кто её завершил или остановил, { $resubscribe }.
texts-resubscribe-restart = начнут сначала
texts-resubscribe-resume = продолжат с того места, где остановились
texts-confirm-segment-button = ✅ Подписать
texts-segment-subscribed = ✅ Подписано на «{ $name }»: { $subscribed } (под сегмент подошло: { $count }).
texts-tag-trigger-button = 🏷 Триггер-тег: { $tag }
texts-ask-tag-trigger =
    🏷 Какой тег подписывает пользователей на «{ $name }», когда они его получают (любым путём: карточка, API, диплинк, форма, импорт)? Сейчас: { $tag }.

    Отправьте тег, например trial, или «none», чтобы выключить триггер. Те, у кого тег уже есть, не подписываются — только те, кто получит его с этого момента.
texts-tag-trigger-invalid = ❌ Тег — до 32 символов из a-z, 0-9, _ и -, например trial; или отправьте «none».
texts-tag-trigger-set = ✅ Пользователи, которые с этого момента получат тег «{ $tag }», будут подписаны на «{ $name }».
texts-tag-trigger-cleared = ✅ Теперь ни один тег не подписывает на «{ $name }».
texts-deeplink-trigger-button = 🔗 Триггер-диплинк: { $deeplink }
texts-ask-deeplink-trigger =
    🔗 Какой диплинк подписывает открывших его пользователей на «{ $name }»? Сейчас: { $deeplink }.

    Отправьте код диплинка (часть после ?start=) или «none», чтобы выключить триггер.

    { $deeplinks }
texts-deeplink-codes = Диплинки, сначала новые: { $codes }
texts-no-deeplinks = (Диплинков пока нет: создайте его в 🔗 Диплинках.)
texts-deeplink-trigger-invalid = ❌ Код диплинка — от 1 до 64 символов из A-Z, a-z, 0-9, _ и -, и он не должен начинаться как реферальная ссылка (r… или a…); или отправьте «none».
texts-deeplink-trigger-set = ✅ Пользователи, открывшие диплинк «{ $code }», будут подписаны на «{ $name }».
texts-deeplink-trigger-unknown = ⚠️ Диплинка с кодом «{ $code }» пока нет: триггер заработает, когда его создадут в 🔗 Диплинках.
texts-deeplink-trigger-cleared = ✅ Теперь ни один диплинк не подписывает на «{ $name }».
texts-step-button = { $n }. { $kind }
texts-step-gone = 🤷 Этого шага больше нет.
texts-step-detail =
    📬 { $name }: шаг { $n } из { $count }

    { $kind }, через { $delay }{ $window }
    Кнопка формы: { $form }

    Отправлено { $sent }, ошибок { $failed }, неизвестно { $unknown }
    Кликов { $clicks }
    Отписались { $unsubscribes }{ $voters }
texts-step-detail-voters =
    { "" }
    Ответили на опрос { $voters }
texts-no-form-button = —
texts-form-button-of = «{ $text }» → { $form }
texts-form-gone = удалённая форма
texts-move-up-button = ⬆️ Выше
texts-move-down-button = ⬇️ Ниже
texts-form-button = 📝 Кнопка формы
texts-ask-form-button =
    📝 Какую форму запускает кнопка под этим шагом? Отправьте номер формы и надпись на кнопке, например «2 Записаться», или «none», чтобы убрать кнопку.

    { $forms }
texts-form-line = { $id }. { $name }
texts-no-forms = (Форм пока нет: создайте её в 📝 Формах.)
texts-form-button-invalid = ❌ Отправьте номер формы и надпись («2 Записаться») или «none».
texts-form-button-set = ✅ Теперь у шага { $n } есть кнопка «{ $text }».
texts-form-button-removed = ✅ У шага { $n } больше нет кнопки формы.
card-texts-button = 📬 Цепочки
card-texts-title = 📬 Цепочки: { $name }
card-texts-none = Ни в одной цепочке.
card-texts-line = • { $sequence }: { $status }, следующий шаг { $next }{ $due }
card-texts-due = { " " }в { $at } UTC
card-texts-remove = ➖ { $sequence }
card-texts-add = ➕ { $sequence }
