texts-root-button = 📬 Secuencias
texts-title =
    📬 Secuencias

    Campañas por goteo: pasos enviados uno tras otro, cada uno tras su espera.
texts-none = Aún no hay secuencias.
texts-line = { $state } { $name }: pasos: { $steps }, activos: { $active }, completados: { $completed }
texts-item = { $state } { $name }
texts-new-button = ➕ Nueva secuencia
texts-ask-name = 📬 ¿Cómo se llama la nueva secuencia?
texts-created = ✅ Secuencia “{ $name }” creada, desactivada. Agrega sus pasos y luego actívala.
texts-gone = 🤷 Esa secuencia ya no existe.
texts-detail =
    📬 { $name }

    Envío: { $enabled }
    Al registrarse: { $registration }
    Botón de baja: { $stop }
    Activador por etiqueta: { $tag }
    Activador por enlace profundo: { $deeplink }
    Activador por campaña: { $campaign }
    Al volver: { $resubscribe }

    Suscriptores: activos { $active }, completados { $completed }, detenidos { $stopped }
texts-step-line = { $n }. { $kind }{ $form }, tras { $delay }{ $window }: enviados { $sent }, fallidos { $failed }, clics { $clicks }, bajas { $unsubscribes }{ $voters }
texts-step-form = { " " }+ botón de formulario
texts-step-voters = , respondieron { $voters }
texts-no-steps = Aún no hay pasos.
texts-window = { " " }entre { $start }–{ $end }
texts-kind-text = texto
texts-kind-copy = mensaje copiado
texts-kind-album = álbum
texts-kind-poll = encuesta
texts-kind-quiz = cuestionario
texts-enabled-label = Envío
texts-registration-label = Al registrarse
texts-stop-label = Botón de baja
texts-resubscribe-label = 🔁 Al volver: { $mode }
texts-mode-restart = desde el inicio
texts-mode-resume = donde se quedó
texts-add-step-button = ➕ Agregar paso
texts-preview-button = 👁 Vista previa
texts-ask-content = Envía el mensaje del paso: un texto (funcionan plantillas como { $first_name }), cualquier mensaje para copiar (foto, video, archivo…) o una encuesta (📎 → Encuesta): cada suscriptor recibe su propia encuesta y se guardan las respuestas.
texts-ask-delay = ⏱ ¿Cuánto tiempo después del paso anterior (después de suscribirse, para el primero)? Por ejemplo 0, 30m, 2h o 1d.
texts-delay-invalid = ❌ Envía un número con m, h o d (minutos, horas, días), como 30m, 2h o 1d; 0 para enviarlo de inmediato.
texts-ask-window = 🕘 ¿En qué horario se puede enviar (en la zona horaria del usuario si se conoce, si no en la del bot)? Por ejemplo 09:00-20:00, o “any”.
texts-window-invalid = ❌ Envía dos horas como 09:00-20:00, o “any”.
texts-step-added = ✅ Paso { $n } agregado.
texts-preview-none = Esta secuencia no tiene pasos para la vista previa.
texts-campaign-button = 📣 Campaña: { $campaign }
texts-campaign-title =
    📣 ¿Qué enlace de campaña suscribe a sus recién llegados a “{ $name }”? Ahora: { $campaign }.

    Se suscriben los recién llegados que se registren con él a partir de ahora.
texts-campaign-none = Aún no hay enlaces de campaña: se crean en 📂 Invitaciones.
texts-campaign-clear = ✖️ Sin campaña
texts-campaign-deleted = (eliminada)
texts-subscribe-segment-button = 👥 Suscribir un segmento
texts-ask-segment =
    👥 ¿A quién debe incluir “{ $name }”? Envía un segmento, como para el público de una difusión: las condiciones separadas por espacios deben cumplirse todas, OR entre alternativas, y un - justo antes de una condición la niega.

    tag:trial · lang:en · status:active · has:email · joined>2026-01-31 · seen>-7d · ref:a<código de campaña>

    Ejemplo: tag:trial lang:en
    Los días son días en { $timezone }. Solo se incluyen usuarios activos del bot (no inactivos, bloqueados ni dados de baja).
texts-segment-not-text = ❌ Envía el segmento como texto, por ejemplo tag:trial lang:en
texts-segment-nobody = 🤷 Ningún usuario activo del bot coincide con este segmento. Envía otro.
texts-confirm-segment = ¿Suscribir a “{ $name }” a estos usuarios ({ $count })? Quienes ya están en ella quedan igual; quienes la completaron o la detuvieron { $resubscribe }.
texts-resubscribe-restart = empiezan de nuevo
texts-resubscribe-resume = siguen donde se quedaron
texts-confirm-segment-button = ✅ Suscribirlos
texts-segment-subscribed = ✅ Usuarios suscritos a “{ $name }”: { $subscribed } (coincidieron con el segmento: { $count }).
texts-tag-trigger-button = 🏷 Activador por etiqueta: { $tag }
texts-ask-tag-trigger =
    🏷 ¿Qué etiqueta suscribe a los usuarios a “{ $name }” cuando la reciben (por cualquier vía: la ficha, la API, un enlace profundo, un formulario, una importación)? Ahora: { $tag }.

    Envía la etiqueta, como trial, o “none” para desactivar el activador. No se incluye a los usuarios que ya la tienen: solo a quienes la reciban a partir de ahora.
texts-tag-trigger-invalid = ❌ Una etiqueta tiene hasta 32 caracteres de a-z, 0-9, _ y -, como trial; o envía “none”.
texts-tag-trigger-set = ✅ Los usuarios que reciban la etiqueta “{ $tag }” a partir de ahora se suscriben a “{ $name }”.
texts-tag-trigger-cleared = ✅ Ya ninguna etiqueta suscribe usuarios a “{ $name }”.
texts-deeplink-trigger-button = 🔗 Activador por enlace: { $deeplink }
texts-ask-deeplink-trigger =
    🔗 ¿Qué enlace profundo suscribe a “{ $name }” a los usuarios que lo abren? Ahora: { $deeplink }.

    Envía el código del enlace profundo (la parte después de ?start=), o “none” para desactivar el activador.

    { $deeplinks }
texts-deeplink-codes = Enlaces profundos, del más nuevo al más antiguo: { $codes }
texts-no-deeplinks = (Aún no hay enlaces profundos: crea uno en 🔗 Enlaces profundos.)
texts-deeplink-trigger-invalid = ❌ Un código de enlace profundo tiene de 1 a 64 caracteres de A-Z, a-z, 0-9, _ y -, y no empieza como un enlace de invitación (r… o a…); o envía “none”.
texts-deeplink-trigger-set = ✅ Los usuarios que abran el enlace profundo “{ $code }” se suscriben a “{ $name }”.
texts-deeplink-trigger-unknown = ⚠️ Aún no hay ningún enlace profundo con el código “{ $code }”: el activador funcionará cuando 🔗 Enlaces profundos cree uno con ese código.
texts-deeplink-trigger-cleared = ✅ Ya ningún enlace profundo suscribe usuarios a “{ $name }”.
texts-step-button = { $n }. { $kind }
texts-step-gone = 🤷 Ese paso ya no existe.
texts-step-detail =
    📬 { $name }: paso { $n } de { $count }

    { $kind }, tras { $delay }{ $window }
    Botón de formulario: { $form }

    Enviados { $sent }, fallidos { $failed }, desconocidos { $unknown }
    Clics { $clicks }
    Bajas { $unsubscribes }{ $voters }
texts-step-detail-voters =
    { "" }
    Respondieron la encuesta { $voters }
texts-no-form-button = —
texts-form-button-of = “{ $text }” → { $form }
texts-form-gone = un formulario eliminado
texts-move-up-button = ⬆️ Subir
texts-move-down-button = ⬇️ Bajar
texts-form-button = 📝 Botón de formulario
texts-ask-form-button =
    📝 ¿Qué formulario debe iniciar el botón bajo este paso? Envía el número del formulario y el texto del botón, como “2 Inscribirme”, o “none” para quitar el botón.

    { $forms }
texts-form-line = { $id }. { $name }
texts-no-forms = (Aún no hay formularios: crea uno en 📝 Formularios.)
texts-form-button-invalid = ❌ Envía el número de un formulario y un texto (“2 Inscribirme”), o “none”.
texts-form-button-set = ✅ El paso { $n } ahora lleva el botón “{ $text }”.
texts-form-button-removed = ✅ El paso { $n } ya no lleva botón de formulario.
card-texts-button = 📬 Secuencias
card-texts-title = 📬 Secuencias de { $name }
card-texts-none = En ninguna secuencia.
card-texts-line = • { $sequence }: { $status }, siguiente paso { $next }{ $due }
card-texts-due = { " " }el { $at } UTC
card-texts-remove = ➖ { $sequence }
card-texts-add = ➕ { $sequence }
