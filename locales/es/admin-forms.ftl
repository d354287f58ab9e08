root-button = 📝 Formularios
title = 📝 Formularios
intro = Preguntas que se hacen una a una; cada respuesta se guarda al llegar, en un campo del perfil o en un atributo.
none = Aún no hay formularios.
line = • { $name }: preguntas: { $questions }, respondidos: { $answered }, completados: { $completed }
item = 📝 { $name }
new-button = ➕ Nuevo formulario
ask-name = 📝 ¿Cómo se llama el nuevo formulario? (hasta 64 caracteres)
created =
    ✅ Formulario { $name } creado. Su enlace: { $link }
    Agrega sus preguntas en su página.
detail-title = 📝 Formulario: { $name }
profile-note = Este es el formulario que inicia /profile. Se puede editar, pero no eliminar.
detail-body =
    Enlace: { $link }
    Etiqueta al completar: { $tag }
    Termina en silencio tras { $expiry } minutos sin respuesta
    Respondidos: { $answered } · Completados: { $completed }
questions-title = Preguntas:
no-questions = Aún no hay preguntas: ➕ Pregunta agrega una.
question-line = { $n }. [{ $kind } → { $target }{ $required }] { $prompt }
required = , obligatoria
no-tag = —
gone = 🤷 Ese formulario ya no existe.
add-question-button = ➕ Pregunta
order-button = ↕ Orden
preview-button = 👁 Vista previa
results-button = 📊 Resultados
delete-button = 🗑 Eliminar
tag-button = 🏷 Etiqueta
expiry-button = ⏱ Caducidad
texts-button = 💬 Textos
ask-tag = 🏷 ¿Qué etiqueta recibe un usuario al terminar { $name }? Ahora: { $tag }. Envía una etiqueta (a-z, 0-9, _ y -), o - para ninguna.
bad-tag = Eso no es una etiqueta: hasta 32 caracteres de a-z, 0-9, _ y -. O - para ninguna.
ask-expiry = ⏱ ¿Tras cuántos minutos sin respuesta termina { $name } en silencio? Ahora: { $minutes }. Envía de 1 a 10080.
bad-expiry = Envía un número entero de minutos, de 1 a 10080.
ask-intro =
    💬 ¿Qué dice { $name } antes de su primera pregunta? Ahora:
    { $now }

    Envía el texto, o - para el predeterminado.
ask-done =
    💬 ¿Y al terminar? Ahora:
    { $now }

    Envía el texto (puedes usar { $first_name }), o - para el predeterminado.
saved = ✅ Guardado.
ask-kind =
    ¿Qué tipo de pregunta? Envía uno de: { $kinds }.
    El teléfono se pide con el botón de compartir contacto, así Telegram lo garantiza.
bad-kind = Ese tipo no existe. Envía uno de: { $kinds }.
ask-target = ¿Dónde se guarda la respuesta? Envía un campo del perfil ({ $fields }) o una clave de atributo (a-z, 0-9, _), como city. Una pregunta de opciones puede enviar topic: sus opciones son entonces nombres de temas, y el usuario queda suscrito al que elija.
bad-target = Eso no es un campo del perfil ni una clave de atributo (a-z, 0-9, _; hasta 64).
kind-does-not-fit = Una pregunta de tipo { $kind } no puede llenar { $target }; admite { $kinds }.
ask-prompt = ¿Qué dice la pregunta? (hasta 1000 caracteres)
bad-prompt = La pregunta está vacía o supera los 1000 caracteres.
ask-choices = Envía las opciones, una por línea (hasta 12, de hasta 64 caracteres cada una).
ask-required = ¿El usuario debe responderla? Envía yes o no (con no puede saltarla con /skip).
bad-yes-no = Envía yes o no.
ask-reask = ¿Qué debe decir el bot cuando una respuesta no es válida? Envía el texto, o - para el predeterminado.
question-added = ✅ Pregunta agregada: { $prompt }
order-title =
    ↕ Orden de { $name }

    ⬆ ⬇ mueven una pregunta; 🗑 la elimina con sus respuestas (los valores ya guardados en los perfiles se mantienen). El botón de una pregunta abre su página (su texto en otros idiomas).
question-title = ❓ { $name }: pregunta { $n }
question-choices = Opciones: { $choices }
question-reask = Cuando una respuesta no encaja: { $reask }
question-gone = 🤷 Esa pregunta ya no existe.
preview-done = 👁 Así empieza { $name } para un usuario (preguntas: { $count }).
results-text = 📊 { $name }: respondidos: { $answered }, completados: { $completed }, iniciados: { $runs }.
results-caption = 📊 Respuestas de { $name }
confirm-delete = ¿Eliminar el formulario { $name } con todas sus respuestas? Los valores ya guardados en los perfiles se mantienen.
confirm-yes = 🗑 Sí, eliminar
confirm-no = ⬅ No
refusals-invalid_prompt = ❌ La pregunta no es válida: { $reason }
refusals-invalid_target = ❌ Ahí no se puede guardar la respuesta: { $reason }
refusals-kind_target_mismatch = ❌ Ese tipo de pregunta no puede llenar ese campo: { $reason }
refusals-invalid_choices = ❌ Las opciones no son válidas: { $reason }
refusals-invalid_reask = ❌ El texto para volver a preguntar no es válido: { $reason }
refusals-invalid_expiry = ❌ La caducidad no es válida: { $reason }
refusals-invalid_order = ❌ El orden no es válido: { $reason }
refusals-built_in_form = 🔒 El formulario de /profile se puede editar, pero no eliminar.
refusals-no_questions = ❌ El formulario aún no tiene preguntas: agrega una primero.
refusals-user_not_active = ❌ Ese usuario no es un usuario activo del bot, así que no se le puede enviar el formulario.
refusals-admin_user = ❌ Los administradores no llenan formularios (sus mensajes van al menú de administración); 👁 Vista previa muestra cómo empieza uno.
