dear-user = Estimado usuario
welcome = ¡Te damos la bienvenida, { $first_name }! 👋
captcha-intro = 🤖 Una verificación rápida de que eres humano.
captcha-emoji-question = Toca { $target }
captcha-math-question = ¿Cuánto es { $a } + { $b }?
captcha-wrong = ❌ No es correcto. Aquí tienes otra.
captcha-expired = ⌛ La verificación caducó. Aquí tienes una nueva.
captcha-cooldown = ⏳ Demasiadas respuestas incorrectas. Inténtalo de nuevo en { $minutes } min.
captcha-passed = ✅ Gracias, superaste la verificación.
captcha-stale = Esta verificación ya no es válida.
join-check-prompt = 📢 Para usar este bot, únete a:
join-check-joined-button = Ya me uní ✅
join-check-still-missing = Todavía no te has unido a todos los chats.
join-check-unavailable = ⏳ No pude verificar tus suscripciones ahora. Inténtalo de nuevo en un momento.
join-check-retry-button = 🔄 Reintentar
join-check-inaccessible-alert = ⚠️ Verificación de suscripción: no puedo leer los miembros de "{ $title }" ({ $chat_id }): { $reason }. Hazme administrador allí o quita el chat de la lista. Mientras tanto, los usuarios pueden pasar.
ref-link-only = 🔒 Este bot es solo por invitación. Usa un enlace de invitación para unirte.
maintenance = 🛠 El bot está en mantenimiento. Vuelve un poco más tarde.
gate-pending = Primero completa la verificación de arriba.
language-prompt = 🌐 Elige tu idioma:
language-chosen = ✅ Ahora te hablo en español.
referral-link =
    🤝 Invita a tus amigos con tu enlace personal:
    { $link }

    Amigos que se unieron con él: { $count }
new-user-alert = 🆕 Nuevo usuario: { $full_name } ({ $username }, id { $id }){ $source }
new-user-alert-referrer =
    { "" }
    Invitado por: { $name } (id { $id })
new-user-alert-campaign =
    { "" }
    Campaña: { $name } ({ $code })
new-user-digest-heading = 🆕 { $count } usuarios nuevos en el minuto desde las { $time } UTC: { $sources }
new-user-digest-heading-one = 🆕 1 nuevo usuario en el minuto desde las { $time } UTC: { $sources }
new-user-digest-campaign = { $count } por la campaña { $name }
new-user-digest-deleted-campaign = { $count } por una campaña eliminada
new-user-digest-referrer = { $count } por invitación de { $name } (id { $id })
new-user-digest-direct = { $count } de forma directa
new-user-digest-other-sources = { $count } de otras fuentes ({ $sources })
new-user-digest-besides-singles = Sin contar los anunciados uno por uno arriba ({ $count }).
new-user-digest-counting = ⏳ Aún contando: este mensaje se actualiza hasta que termine el minuto.
new-user-digest-final = ✅ Recuento final.
admin-keyboard-button = 🔐Admin
admin-keyboard-hint = Toca 🔐Admin abajo (o envía /admin) para gestionar el bot.
admin-root-title =
    🔐 Administración

    Gestiona Usher desde aquí. Cada cambio se aplica al instante y queda en el registro de actividad.
admin-open-app-button = 📱 Abrir la app
admin-app-menu-button = 📱 Aplicación
admin-back = ⬅ Atrás
admin-on = ✅
admin-off = ❌
admin-menu-outdated = El menú cambió mientras tanto; este es el actual.
admin-cancel-hint = Envía /cancel para detener.
admin-cancelled = Cancelado. No se cambió nada.
admin-nothing-to-cancel = No hay nada que cancelar.
admin-not-allowed = Solo los administradores pueden hacer eso.
admin-empty-text = El texto está vacío. Envía algo de texto, por favor.
admin-text-too-long = Ese texto tiene { $length } caracteres; Telegram permite como máximo 4096. Envía uno más corto.
admin-not-text = Envía texto, por favor (o /cancel).
admin-saved = ✅ Guardado.
admin-page-of = Página { $page } de { $pages }.
admin-users-button = 👥 Usuarios
admin-extensions-button = 🧩 Extensiones
admin-extensions-title =
    🧩 Extensiones

    Los pasos de entrada de los nuevos usuarios.
admin-extensions-protection-button = 📂 Protección
admin-extensions-referrals-button = 📂 Invitaciones
admin-extensions-deeplinks-button = 🔗 Enlaces profundos
admin-extensions-alerts-button = 🔔 Avisos de nuevos
