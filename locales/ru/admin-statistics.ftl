root-button = 📊 Статистика
title = 📊 Статистика (на { $now } UTC)
users =
    👥 Пользователи: { $total }
    ✅ Активные: { $active } (💀 из них мёртвых: { $dead })
    ⏳ Ждут на входе: { $pending }
    🚫 Заблокированы: { $banned }
new-users =
    🆕 Новые пользователи (дни по UTC, включая сегодня)
    Сегодня: { $today } · 7 дней: { $week } · 30 дней: { $month }
referrers-header = 🤝 Лучшие пригласившие
referrer = { $rank }. { $name } (id { $id }): { $count }
campaigns-header = 📣 Лучшие кампании (пользователи / активные)
campaign = { $rank }. { $name } ({ $code }): { $users } / { $active }
languages-header = 🌍 Пользователи по языкам
other = другие
unknown = неизвестно
none = Пока нет.
refresh = 🔄 Обновить
up-to-date = ✅ Актуально (на { $now } UTC)
