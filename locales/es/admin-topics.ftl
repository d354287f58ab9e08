texts-extensions-button = 🏷 Temas
texts-title =
    🏷 Temas

    Los usuarios siguen temas con /topics; una difusión a topic:<nombre> llega a los suscriptores.
texts-none = Todavía no hay temas.
texts-count = Temas: { $count } (página { $page } de { $pages }):
texts-line = • { $name }: suscriptores: { $subscribers }
texts-item = 🏷 { $name }
texts-new-button = ➕ Nuevo tema
texts-topic-title = 🏷 { $name }
texts-topic-details =
    { $description }

    Suscriptores: { $subscribers }
    En un segmento: topic:{ $name }
texts-no-description = (sin descripción)
texts-gone = 🤷 Ese tema ya no existe.
texts-rename-button = ✏️ Renombrar
texts-describe-button = 📝 Descripción
texts-delete-button = 🗑 Eliminar
texts-confirm-delete = ¿Eliminar el tema { $name }? Se cancelará la suscripción de sus suscriptores ({ $subscribers }). No se puede deshacer.
texts-confirm-yes = 🗑 Sí, eliminar
texts-confirm-no = No, conservarlo
texts-ask-name = Envía el nombre del tema: de 1 a 32 letras, dígitos, _ y -, sin espacios (p. ej. Noticias).
texts-ask-description = Envía la descripción del tema (como máximo 256 caracteres), o - para ninguna.
texts-created = ✅ Tema { $name } creado. Los usuarios lo ven en /topics.
texts-saved = ✅ Guardado.
texts-texts-button = 📝 Textos
texts-texts-title =
    📝 Textos de /topics

    Lo que los usuarios leen en /topics y debajo de las difusiones de temas. Pulsa uno para cambiarlo o para volver al predeterminado.
texts-texts-line = • { $label }{ $changed }: { $value }
texts-texts-changed = { " " }(cambiado)
texts-text-title =
    📝 { $label }

    { $value }

    { $origin }
    Campos que admite: { $fields }. Como máximo { $max } caracteres.
texts-text-default = Este es el predeterminado.
texts-text-override =
    Cambiado por un administrador; el predeterminado:
    { $default }
texts-no-fields = ninguno
texts-edit-text-button = ✏️ Cambiar
texts-reset-text-button = ↩ Volver al predeterminado
texts-ask-text = Envía el nuevo texto de “{ $label }”. Campos que admite: { $fields }. Como máximo { $max } caracteres.
texts-text-too-long = Ese texto tiene { $length } caracteres; este admite como máximo { $max }. Envía uno más corto.
texts-card-button = 🔖 Temas
texts-card-title =
    🏷 Temas de { $user }

    { $lines }

    Pulsa un tema ✅ para cancelar la suscripción del usuario, uno ▫️ para suscribirlo.
texts-card-subscribed = ✅ { $name } ({ $source }, desde { $since })
texts-card-not-subscribed = ▫️ { $name }
texts-card-no-topics = Todavía no hay temas: créalos en 🧩 Extensions → 🏷 Temas.
source-labels-user = por su cuenta
source-labels-button = con un botón
source-labels-deeplink = con un enlace profundo
source-labels-form = con un formulario
source-labels-admin = por un administrador
source-labels-api = por la API
topic-text-labels-list = Encabezado de /topics
topic-text-labels-none = /topics cuando no hay temas
topic-text-labels-subscribed = Respuesta: suscrito
topic-text-labels-unsubscribed = Respuesta: suscripción cancelada
topic-text-labels-gone = Respuesta: el tema ya no existe
topic-text-labels-unsubscribe-button = Botón 🔕 debajo de las difusiones de temas
topic-text-labels-unsubscribed-by-button = Respuesta a 🔕
topic-text-labels-already-unsubscribed = Respuesta a 🔕 sin estar suscrito
