card =
    ⏸ Пауза бота для { $name }
    id { $id } · { $username }{ $contact }

    Дальше идут сообщения пользователя. Ответьте на любое из них, чтобы ответить от имени бота.
no-username = без @username
sent = ✅ Отправлено: { $name }.
blocked = ❌ Не доставлено: { $name } заблокировал(а) бота.
unreachable = ❌ Не доставлено: { $name } недоступен ({ $reason }).
failed = ❌ Не доставлено { $name }: { $reason }
