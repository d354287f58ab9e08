root-button = 👮 Administradores
title = 👮 Administradores
owners-only =
    👮 Administradores

    Solo los propietarios (ADMIN_IDS) gestionan a los administradores.
intro = Los propietarios vienen de ADMIN_IDS y no se pueden quitar aquí. Toca un administrador agregado para gestionarlo.
owners-header = 👑 Propietarios
added-header = 👮 Administradores agregados
none-added = Todavía ninguno.
line = { $label }, id { $id }
operator = la línea de comandos (usher add-admin)
add-button = ➕ Agregar admin
remove-button = 🗑 Quitar
confirm-button = ✅ Sí, quitar
detail =
    👮 Administrador

    { $label }, id { $id }
    Agregado el { $added_at } UTC por { $added_by }.
confirm =
    🗑 ¿Quitar a { $label } (id { $id }) como administrador?

    Perderá el acceso a este menú al instante.
gone =
    👮 Administrador

    Esta persona ya no es un administrador agregado.
add-prompt = ➕ ¿Quién será administrador? Reenvíame un mensaje suyo, o envía su id numérico de Telegram, o su @username si ya usó este bot.
hidden-user = Su configuración de privacidad oculta su cuenta en los mensajes reenviados, así que no puedo saber quién es. Envía su id numérico de Telegram (puede encontrarlo con un bot como @userinfobot), o su @username si ya usó este bot.
not-a-person = Ese mensaje se reenvió desde un chat o canal, no desde una persona. Reenvía un mensaje escrito por esa persona.
how-to = Reenvía un mensaje de la persona, o envía su id numérico o @username (o /cancel).
is-bot = Eso es un bot; solo las personas pueden ser administradores. Envía a otra persona (o /cancel).
unknown-username = No conozco a nadie llamado @{ $username }: primero debe haber usado este bot. Envía su id numérico o reenvía un mensaje suyo (o /cancel).
imported-contact = @{ $username } es solo un contacto importado, sin id de Telegram: no puede ser administrador. Reenvía un mensaje suyo o envía su id numérico de Telegram (o /cancel).
already-owner = Esa persona ya es propietario (de ADMIN_IDS). Envía a otra persona (o /cancel).
already-admin = Esa persona ya es administrador. Envía a otra persona (o /cancel).
added = ✅ { $label } (id { $id }) ahora es administrador.
not-reached = ⚠️ No pude enviarle un mensaje (quizás aún no ha iniciado el bot). Pídele que abra el bot y envíe /admin.
you-are-admin = 🔐 Ahora eres administrador de este bot. Usa el botón de abajo o envía /admin para abrir el menú de administración.
you-are-no-longer-admin = Ya no eres administrador de este bot.
