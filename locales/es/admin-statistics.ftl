root-button = 📊 Estadísticas
title = 📊 Estadísticas (a fecha de { $now } UTC)
users =
    👥 Usuarios: { $total }
    ✅ Activos: { $active } (💀 inactivos entre ellos: { $dead })
    ⏳ Pendientes en la verificación: { $pending }
    🚫 Bloqueados: { $banned }
new-users =
    🆕 Nuevos usuarios del bot (días UTC, hoy incluido)
    Hoy: { $today } · 7 días: { $week } · 30 días: { $month }
referrers-header = 🤝 Mejores invitadores
referrer = { $rank }. { $name } (id { $id }): { $count }
campaigns-header = 📣 Mejores campañas (usuarios / activos)
campaign = { $rank }. { $name } ({ $code }): { $users } / { $active }
languages-header = 🌍 Usuarios del bot por idioma
other = otro
unknown = desconocido
none = Todavía ninguno.
refresh = 🔄 Actualizar
up-to-date = ✅ Actualizado (a fecha de { $now } UTC)
