title = 👥 Usuarios
summary = Usuarios conocidos: { $count }. Busca uno o explora un segmento.
search-button = 🔎 Buscar
browse-button = 📋 Explorar
search-prompt = Envía un id de Telegram, un @username, un nombre, un teléfono o un email.
search-too-long = Es demasiado largo para una búsqueda: envía como máximo 200 caracteres en una sola línea.
search-title = 🔎 Resultados de la búsqueda
query-line = Búsqueda:{ " " }
no-matches = No hay coincidencias.
matches = Coincidencias: { $count } (se muestran como máximo { $limit }):
browse-prompt = Envía un segmento, p. ej. tag:vip lang:en -dead:yes, o all para todos los usuarios.
segment-too-long = Ese segmento es demasiado largo: envía como máximo 1000 caracteres.
browse-title = 📋 Usuarios
segment-line = Segmento:{ " " }
everyone = all
browse-count = Usuarios en este segmento: { $count }.
browse-empty = No hay ningún usuario en este segmento.
user-item = { $name } · { $id }
row-line = • { $name } · { $id }
row-tags = 🏷 { $tags }
row-field = { $label }: { $value }
row-empty = —
row-fields-line = Las filas muestran las etiquetas y: { $fields }
row-fields-none = nada más
row-fields-button = 🧾 Campos de fila
ask-row-fields =
    ¿Qué campos debe mostrar cada fila de una lista de usuarios después de sus etiquetas? Envía hasta { $max }, separados por comas, de entre: { $fields }; o attribute:<clave> para un atributo personalizado. Envía - para mostrar solo etiquetas.
    Ahora: { $current }
row-field-unknown = “{ $field }” no es un campo: usa { $fields }, o attribute:<clave> (a-z, 0-9, _).
row-fields-too-many = Como máximo { $max } campos.
row-field-twice = “{ $field }” aparece dos veces.
gone = Ese usuario ya no existe.
card-imported-id = importado, sin id de Telegram
card-none = —
card-yes = sí
card-no = no
card-alive = activo
card-dead = inactivo desde { $at } ({ $reason })
card-not-paused = sin pausa
card-paused-until = en pausa hasta { $until }
card-paused-forever = en pausa hasta reanudarlo
card-lines =
    👤 { $name }
    Id: { $id }
    Username: { $username }
    Idioma: { $language } · Premium: { $premium }
    Estado: { $status } · { $liveness }
    Registro: { $registered } · Primera visita: { $first_seen } · Última visita: { $last_seen }
    Email: { $email }
    Teléfono: { $phone }
    Zona horaria: { $timezone } · Género: { $gender }{ $local_time }
    Invitado por: { $parent } · Campaña: { $campaign } · Invitados: { $referrals }
    👥 Grupos en común: { $groups }
    Etiquetas: { $tags }
    Temas: { $topics }
    Atributos: { $attributes }
    Notas: { $notes }
    Actividad: sesiones { $sessions }, mensajes { $messages }, clics { $clicks } (botones y enlaces), tiempo { $time }, sentimiento { $sentiment }
    Último mensaje: { $last_message } ({ $last_message_at })
    Bot: { $pause } · Sesión infinita: { $infinite }
card-more-attributes = { " " }(+{ $count } más)
card-local-time =
    { "" }
    🕐 Hora local: { $time } ({ $timezone })
card-contact-sources-shared_contact = { " " }(✅ su propio contacto de Telegram)
card-contact-sources-owner = { "" }
card-contact-sources-self_reported = { " " }(⚠️ escrito por el usuario, sin verificar)
card-contact-sources-unknown = { " " }(⚠️ origen desconocido, sin verificar)
tags-button = 🏷 Etiquetas
attributes-button = 🔑 Atributos
notes-button = 🗒 Notas
edit-button = ✏️ Editar
pause-button = ⏸ Pausar bot
resume-button = ▶ Reanudar bot
infinite-button = ♾ Sesión infinita
ban-button = 🚫 Bloquear
unban-button = ✅ Desbloquear
photo-button = 🖼 Actualizar foto
replace-photo-button = 🖼 Cambiar foto
replace-photo-prompt = Envía la foto que se mostrará en la ficha de este usuario en lugar de su foto de perfil.
not-photo = Envía una foto (no un archivo ni un texto).
download-button = 📥 Descargar datos
delete-button = 🗑 Eliminar
tags-title =
    🏷 Etiquetas de { $name }

    Toca una etiqueta para quitarla.
no-tags = Aún no hay etiquetas.
add-tag-button = ➕ Agregar etiqueta
remove-item = ✖ { $item }
tag-prompt = Envía la etiqueta que quieres agregar: 1–32 letras, dígitos, _ o -.
attributes-title =
    🔑 Atributos de { $name }

    Toca uno para quitarlo.
no-attributes = Aún no hay atributos.
set-attribute-button = ➕ Establecer atributo
attribute-prompt = Envía clave=valor (clave: 1–64 letras minúsculas, dígitos o _; valor de hasta 1 KB).
attribute-format = Escríbelo como clave=valor.
notes-title = 🗒 Notas sobre { $name }
no-notes = Aún no hay notas.
notes-page = Página { $page } de { $pages }, las más recientes primero
notes-at-first-page = Ya estás en la primera página.
notes-at-last-page = Ya estás en la última página.
note-line = { $n }. { $at }, de { $author }: { $text }
add-note-button = ➕ Agregar nota
delete-note-item = 🗑 Nota { $n }
note-prompt = Envía la nota.
edit-note-item = ✏️ Nota { $n }
edit-note-prompt = Envía el nuevo texto de la nota.
note-gone = Esa nota ya no existe.
edit-title =
    ✏️ Editar a { $name }

    ¿Qué quieres cambiar?
edit-names-button = Nombres
edit-email-button = Email
edit-phone-button = Teléfono
edit-timezone-button = Zona horaria
edit-gender-button = Género
clear-hint = Envía - para borrarlo.
first-name-prompt = Envía el nombre (- para ninguno: será un Estimado usuario).
last-name-prompt = Envía el apellido (- para ninguno).
email-prompt = Envía el email.
phone-prompt = Envía el número de teléfono con su código de país, p. ej. +60123456789.
timezone-prompt = Envía la zona horaria IANA, p. ej. Asia/Kuala_Lumpur.
gender-prompt = Envía el género (texto libre corto).
pause-title =
    ⏸ Pausar el bot para { $name }

    Mientras tanto, sus mensajes van al chat de soporte.
pause-minutes = ⏸ { $minutes } minutos
pause-forever = ⏸ Hasta reanudar
no-telegram-id = Este contacto no tiene id de Telegram: el bot no puede hablar con él.
delete-confirm = 🗑 ¿Eliminar a { $name } ({ $id }) y todo lo guardado sobre esta persona? No se puede deshacer.
delete-yes = 🗑 Sí, eliminar
delete-no = ✖ No
delete-admin = Este usuario es administrador: primero quítale los permisos de administrador.
deleted = ✅ Se eliminaron el usuario y sus datos.
photo-none = Este usuario no tiene foto de perfil (o la oculta).
photo-stored = 🖼 Foto de perfil actualizada.
photo-failed = Telegram lo rechazó: { $reason }
download-caption = 📥 Todo lo guardado sobre el usuario { $id }.
field-errors-invalid_name = Un nombre tiene como máximo 64 caracteres.
field-errors-invalid_email = Eso no es una dirección de email.
field-errors-invalid_phone = Eso no es un número de teléfono: usa + y el código de país, 7–15 dígitos.
field-errors-invalid_timezone = Eso no es un nombre de zona horaria IANA como Europe/Berlin.
field-errors-invalid_gender = El género es un texto corto (32 caracteres como máximo).
field-errors-invalid_attribute_key = La clave debe tener 1–64 letras minúsculas, dígitos o _.
field-errors-attribute_value_too_long = El valor supera 1 KB.
field-errors-empty_attribute_value = El valor está vacío; usa ➖ Quitar para eliminar un atributo.
field-errors-invalid_tag = Una etiqueta tiene 1–32 letras, dígitos, _ o -.
field-errors-invalid_note = Una nota es un texto no vacío de 4096 caracteres como máximo.
field-errors-invalid_language = No es un código de idioma, como en, ru o pt-br.
tools-button = 🧰 Herramientas
card-statuses-active = activo
card-statuses-pending = pendiente
card-statuses-banned = bloqueado
card-hours-minutes = { $hours } h { $minutes } min
card-minutes-seconds = { $minutes } min { $seconds } s
language-button = 🌐 Idioma: { $language }
language-from-telegram = { $language } (Telegram)
language-title =
    🌐 Idioma de { $name }

    Su Telegram indica: { $telegram }. Elegido: { $chosen }.
    Usher le habla en el idioma elegido; si no hay, en el de Telegram cuando lo habla; si no, en inglés. Elige uno o vuelve al de Telegram.
language-telegram-button = 📱 Idioma de Telegram
