card =
    ⏸ Bot pausado para { $name }
    id { $id } · { $username }{ $contact }

    A continuación van sus mensajes. Responde a cualquiera de ellos para contestar como el bot.
no-username = sin @username
sent = ✅ Enviado a { $name }.
blocked = ❌ No entregado: { $name } bloqueó el bot.
unreachable = ❌ No entregado: no se puede contactar a { $name } ({ $reason }).
failed = ❌ No entregado a { $name }: { $reason }
