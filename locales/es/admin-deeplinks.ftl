title = 🔗 Enlaces profundos
on = ACTIVADO: un enlace t.me/{ $bot }?start=<código> envía su contenido a quien lo abre y le pone sus etiquetas.
off = DESACTIVADO: los enlaces profundos se ignoran; quien abre uno solo recibe el mensaje de bienvenida.
none = Todavía no hay enlaces profundos; ➕ Nuevo enlace crea uno.
count = Enlaces profundos: { $count }, los más recientes primero (página { $page } de { $pages }), con cuántas veces se abrió cada uno:
line = • { $code }: { $hits }
switch-label = Enlaces profundos
new-button = ➕ Nuevo enlace
item = 🔗 { $code }
ask-code =
    Envía el código del nuevo enlace profundo, o auto para generar uno.

    Un código tiene 1–64 caracteres: letras A–Z y a–z, dígitos, _ y -. No debe empezar por una r o una a minúscula seguida de más caracteres: esos enlaces se leen como enlaces de invitación de usuario (r…) y de campaña (a…).
code-format = Ese código no es válido: usa 1–64 caracteres, solo letras A–Z y a–z, dígitos, _ y -. Envía otro o auto.
code-referral-prefix = Un código que empieza por “{ $prefix }” minúscula se leería como un enlace de { $meaning } (t.me/…?start={ $prefix }<código>), así que este enlace profundo nunca se abriría. Empiézalo con otro carácter (una { $upper } mayúscula sirve) o envía auto.
user-referral-meaning = invitación de usuario
campaign-meaning = campaña
code-taken = El código { $code } ya está en uso. Envía otro o auto.
ask-content = Código { $code }. Ahora envía el contenido que recibe quien abra el enlace: un texto (se conserva el formato; campos como { $first_name }, { "{" }email|sin email{ "}" } o { "{attr.plan|free}" } se completan para cada usuario) o cualquier otro mensaje (foto, video, documento, voz, sticker, encuesta…), que se le copia.
ask-tags = Último paso: etiquetas para todos los que abran el enlace, separadas por espacios o comas (cada una de hasta 32 caracteres: a–z, 0–9, _ y -), o - para ninguna.
tags-empty = Envía al menos una etiqueta, o - para ninguna.
tag-invalid = “{ $tag }” no es una etiqueta válida: hasta 32 caracteres de a–z, 0–9, _ y -. Envía las etiquetas de nuevo.
too-many-tags = Son { $count } etiquetas; como máximo { $max }, por favor. Envía las etiquetas de nuevo.
created =
    ✅ Enlace profundo creado:
    { $link }
created-tags = Etiquetas: { $tags }
created-copy-note = El enlace copia el mensaje que enviaste arriba: no lo borres de este chat o el enlace dejará de entregarlo.
deeplinks-are-off = Los enlaces profundos están desactivados: actívalos para que el enlace funcione.
code-taken-meanwhile = Otro administrador tomó el código { $code } mientras tanto. No se creó nada; empieza de nuevo, por favor.
detail-title = 🔗 Enlace profundo { $code }
detail-body =
    Enlace: { $link }
    Aperturas: { $hits }
    Etiquetas: { $tags }
    Contenido: { $kind }
    Botones: { $buttons }
no-tags = ninguna
kind-text = texto (plantillas completadas para cada usuario)
kind-copy = una copia del mensaje { $message_id } del chat { $chat_id } (foto, video, documento o cualquier otro tipo)
gone = Este enlace profundo ya no existe.
preview-button = 👁 Vista previa
preview-failed = No se pudo enviar el contenido: { $reason }. Si el mensaje guardado se borró de su chat, crea el enlace profundo de nuevo.
delete-button = 🗑 Eliminar
buttons-gone = Este enlace profundo se eliminó mientras tanto; no se cambió nada.
confirm-delete =
    ¿Eliminar el enlace profundo { $code }?

    Su enlace deja de funcionar (quien lo abra recibe el mensaje de bienvenida). Las etiquetas que ya puso se quedan en esos usuarios.
confirm-yes = ✅ Sí, eliminar
confirm-no = ✖ No, conservarlo
