protection-title =
    📂 Protección

    Las verificaciones que pasa un recién llegado antes de ser usuario del bot: primero el captcha, luego la verificación de suscripción.
protection-captcha-link = 🤖 Captcha
protection-join-check-link = 📢 Verificación de suscripción
captcha-title = 🤖 Captcha
captcha-on = ACTIVADO: los recién llegados deben superarlo antes que nada; los administradores nunca lo ven.
captcha-off = DESACTIVADO: los recién llegados no lo pasan.
captcha-switch = Captcha
captcha-kinds-emoji = 😀 Emoji
captcha-kinds-math = 🔢 Suma
captcha-kind-help-emoji = tocar el emoji indicado entre seis
captcha-kind-help-math = elegir la suma de dos dígitos
captcha-edit-intro = ✏️ Texto de entrada
captcha-edit-passed = ✏️ Texto de éxito
captcha-intro-heading = Texto de entrada (encima de cada prueba):
captcha-passed-heading = Texto de éxito:
captcha-ask-intro = Envía el nuevo texto de entrada del captcha (se muestra encima de cada prueba).
captcha-ask-passed = Envía el nuevo texto que se muestra cuando un recién llegado supera el captcha.
captcha-no-cooldown = ninguna
captcha-attempts-title = 🔁 Intentos del captcha
captcha-attempts-help = Respuestas incorrectas que puede dar un recién llegado antes de la espera.
captcha-attempts-unit = intentos
captcha-expiry-title = ⏳ Caducidad del captcha
captcha-expiry-help = Cuánto tiempo sigue abierta una prueba; una caducada se reemplaza por otra nueva.
captcha-expiry-unit = segundos
captcha-cooldown-title = 🧊 Espera del captcha
captcha-cooldown-help = Cuánto espera un recién llegado tras agotar sus intentos (0: sin espera).
captcha-cooldown-unit = segundos
join-check-title = 📢 Verificación de suscripción
join-check-on = ACTIVADA: los recién llegados deben unirse a todos los chats de abajo; los que falten se muestran como botones para unirse.
join-check-off = DESACTIVADA: no se pide a nadie que se una a nada.
join-check-recheck-on = Revisar en cada interacción: un usuario del bot que sale de un chat pierde el acceso hasta que vuelva a unirse.
join-check-recheck-off = Se verifica una vez, cuando llega un recién llegado.
join-check-recheck-idle = Revisar en cada interacción: sin efecto mientras la verificación está desactivada (se aplica cuando esté activada).
join-check-switch = Verificación de suscripción
join-check-recheck-switch = Revisar en cada interacción
join-check-cache-title = 🕑 Caché de membresía
join-check-cache-help = Cuánto tiempo se confía en una membresía confirmada por Telegram antes de volver a consultarla (ninguna: se consulta cada vez).
join-check-cache-unit = segundos
join-check-edit-prompt = ✏️ Texto de aviso
join-check-add-chat = ➕ Agregar chat
join-check-prompt-heading = Texto de aviso:
join-check-chats-heading = Chats obligatorios:
join-check-no-chats = Todavía no hay chats: la verificación deja pasar a todos. Agrega uno abajo.
join-check-ask-prompt = Envía el nuevo texto que se muestra encima de los botones para unirse.
chat-gone = Este chat no está (ya) en la lista.
chat-remove = 🗑 Quitar
chat-confirm-yes = 🗑 Sí, quitar
chat-confirm-no = ✖ Cancelar
chat-removed = Quitado.
chat-not-in-list = Ese chat no está en la lista.
add-chat-private-invite = Un bot no puede consultar un enlace de invitación privado (t.me/+… o joinchat). Reenvíame una publicación del chat o envía su id (como -1001234567890).
add-chat-forwarded-from-user = Ese mensaje se reenvió desde una persona, no desde un canal o grupo. Reenvía una publicación del propio canal o envía su @username o id.
add-chat-user-id = Ese id es de una persona. Los ids de canales y grupos son negativos, como -1001234567890.
add-chat-unrecognized = No puedo identificar un chat con eso. Reenvía una publicación del canal o envía su @username, su id (como -1001234567890) o su enlace (t.me/username).
add-chat-private-chat = Ese es un chat privado con una persona. Solo los canales y grupos pueden ser obligatorios.
add-chat-bad-join-link = Ese no es un enlace de Telegram para unirse. Envía un enlace como https://t.me/+AbCdEf123 o https://t.me/username.
add-chat-invite-link-name = Usher: verificación
captcha-kind-button = Tipo: { $kind }
captcha-attempts-button = Intentos: { $attempts }
captcha-expiry-button = Vigencia: { $duration }
captcha-cooldown-button = Espera: { $duration }
captcha-summary =
    Tipo: { $kind } ({ $help })
    Intentos: { $attempts }, luego una espera de { $cooldown }
    Cada desafío vence a los { $expiry }
captcha-seconds = { $seconds } s
captcha-minutes = { $minutes } min
captcha-minutes-seconds = { $minutes } min { $seconds } s
join-check-cache-button = 🕑 Caché de membresía: { $duration }
join-check-chat-button = 📢 { $title }
chat-details =
    📢 { $title }

    Id: { $chat_id }
    Enlace para unirse: { $join_url }
chat-confirm =
    ¿Quitar «{ $title }» de los chats obligatorios?

    Ya no se pedirá a los recién llegados que se unan.
add-chat-ask =
    Envía el chat al que deben unirse los recién llegados. Cualquiera de estos:
    • una publicación reenviada desde el canal (o un mensaje reenviado desde el grupo)
    • su @username o enlace público (t.me/username)
    • su id, como -1001234567890

    Primero haz a @{ $bot } administrador allí.
add-chat-not-found = No encuentro ese chat. Agrega a @{ $bot } al chat como administrador y vuelve a enviarlo.
add-chat-duplicate = «{ $title }» ya está en la lista. Envía otro chat, o /cancel.
add-chat-bot-not-admin = No soy administrador de «{ $title }». Haz a @{ $bot } administrador de { $title } y vuelve a enviar el chat.
add-chat-failed = Telegram no respondió como se esperaba ({ $description }). Vuelve a enviar el chat en un momento.
add-chat-ask-join-link = «{ $title }» no tiene username público y no pude obtener un enlace de invitación (necesito el permiso para invitar usuarios). Envía un enlace de invitación, como https://t.me/+AbCdEf123.
add-chat-already-listed = «{ $title }» ya está en la lista.
add-chat-added = ✅ «{ $title }» agregado.
