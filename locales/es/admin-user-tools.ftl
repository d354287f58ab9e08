texts-page-title =
    🧰 Herramientas de usuarios

    Exporta o importa usuarios en CSV, crea un usuario a mano, o pon etiquetas y atributos a todo un segmento de una vez.
texts-export-button = 📤 Exportar CSV
texts-import-button = 📥 Importar CSV
texts-create-button = ➕ Crear usuario
texts-bulk-tag-button = 🏷 Etiquetar en lote
texts-bulk-attribute-button = 🔑 Atributo en lote
texts-ask-segment = ¿Qué usuarios? Envía un segmento, p. ej. “tag:vip status:active -tag:test”, o “all” para todos.
texts-segment-not-text = Envía el segmento como texto, o “all” para todos.
texts-export-caption = 👥 Usuarios: { $count }
texts-nobody-matches = Ningún usuario coincide con este segmento. No se cambió nada.
texts-ask-file = Envía el archivo CSV como documento (separado por comas, punto y coma o tabulaciones; hasta 20 MB).
texts-not-document = Envía el archivo CSV como documento (📎 → Archivo), no como texto ni como foto.
texts-too-big = Este archivo pesa { $size } MB; Telegram permite a los bots descargar archivos de hasta 20 MB. Divídelo y envía las partes.
texts-not-csv = “{ $name }” no parece un archivo CSV. Exporta un archivo .csv (separado por comas, punto y coma o tabulaciones) y envía ese.
texts-download-failed = No se pudo descargar el archivo de Telegram. Envíalo de nuevo.
texts-file-refused =
    ❌ “{ $name }” no se puede importar:
    { $problems }
texts-dry-run-title = 🔍 Prueba de “{ $name }”: todavía no se cambió nada.
texts-dry-run-counts =
    Filas: { $rows } · correctas: { $fine } · con errores: { $wrong }
    Se crearían: { $created }, se actualizarían: { $updated }, sin cambios: { $unchanged }.
texts-wrong-rows-title = Filas con errores (primeras { $shown } de { $wrong }):
texts-nothing-to-import = No se puede importar ninguna fila. Corrige el archivo y envíalo de nuevo.
texts-ask-import-choice = ¿Importar el archivo?
texts-import-all = ✅ Importar todo
texts-import-valid-only = ☑️ Solo filas válidas
texts-cancel = ❌ Cancelar
texts-use-buttons = Responde con uno de los botones de abajo.
texts-import-all-refused = Filas con errores: { $wrong }, así que “Importar todo” no importaría nada. Elige “Solo filas válidas”, o cancela y corrige el archivo.
texts-import-changed = El resultado del archivo cambió desde la prueba (los usuarios cambiaron mientras tanto). No se importó nada; envía el archivo de nuevo.
texts-import-in-progress = ⏳ Ahora mismo se está aplicando otra importación. Vuelve a enviar este archivo cuando termine.
texts-import-interrupted = ⏳ Una importación anterior se interrumpió y se está terminando. Vuelve a enviar este archivo en unos segundos.
texts-import-done = ✅ Importación lista: creados { $created }, actualizados { $updated }, sin cambios { $unchanged }, omitidos { $skipped }.
texts-cancelled = Cancelado. No se cambió nada.
texts-ask-keys = Envía el id de Telegram del nuevo usuario y/o su teléfono o email, separados por espacios, p. ej. “123456789”, “+60123456789 ann@example.com”. El teléfono empieza con +.
texts-keys-not-text = Envía el id, el teléfono o el email como texto.
texts-bad-key-token = “{ $token }” no es un id de Telegram (dígitos), ni un teléfono (empieza con +), ni un email.
texts-two-of-a-kind = Envía como máximo un id de Telegram, un teléfono y un email.
texts-ask-first-name = ¿El nombre? Envía - para ninguno (el usuario aparecerá entonces como “Estimado usuario”).
texts-ask-last-name = ¿El apellido? Envía - para ninguno.
texts-name-too-long = Un nombre tiene como máximo { $max } caracteres.
texts-name-not-text = Envía el nombre como texto, o - para ninguno.
texts-created = ✅ Usuario { $id } creado.
texts-created-without-telegram = ✅ Contacto { $id } creado. Sin id de Telegram no se le pueden enviar mensajes hasta que aparezca en Telegram.
texts-not-created =
    ❌ No se creó el usuario:
    { $problems }
texts-ask-tag = Envía +etiqueta para agregar una etiqueta, o -etiqueta para quitarla (letras, dígitos, _ y -, hasta 32), p. ej. “+vip”.
texts-bad-tag = Envía + o - seguido de la etiqueta, p. ej. “+vip” o “-trial”; una etiqueta tiene 1–32 caracteres de a–z, 0–9, _ y -.
texts-confirm-add-tag = ¿Agregar la etiqueta “{ $tag }” a estos usuarios ({ $count })?
texts-confirm-remove-tag = ¿Quitar la etiqueta “{ $tag }” a estos usuarios ({ $count })?
texts-ask-attribute = Envía clave=valor para establecer un atributo, o -clave para quitarlo, p. ej. “plan=gold” o “-plan”.
texts-bad-attribute = Envía clave=valor o -clave; una clave tiene 1–64 caracteres de a–z, 0–9 y _, un valor como máximo 1 KB.
texts-confirm-set-attribute = ¿Establecer { $key } = “{ $value }” en estos usuarios ({ $count })?
texts-confirm-unset-attribute = ¿Quitar el atributo { $key } a estos usuarios ({ $count })?
texts-apply = ✅ Aplicar
texts-bulk-done = ✅ Listo: usuarios cambiados: { $changed } de { $count }.
problem-texts-cell_count = { $got } celdas donde el encabezado tiene { $expected }
problem-texts-no_key = sin id de Telegram, teléfono ni email
problem-texts-invalid = { $column }: “{ $value }” no es válido
problem-texts-too_long = { $column } supera { $max }
problem-texts-value_in_unnamed_column = un valor en la columna { $position }, que no tiene encabezado
problem-texts-active_without_telegram_id = el estado active requiere un id de Telegram
problem-texts-duplicate = { $field } “{ $value }” también está en la línea { $first_line }
problem-texts-conflict = { $field }: pertenece a otro usuario ({ $user_id })
problem-texts-bad_attribute_name = la columna “{ $header }” no es un nombre de atributo válido (a–z, 0–9 y _, hasta 64)
problem-texts-same_field = las columnas “{ $first }” y “{ $second }” son el mismo campo
problem-texts-same_attribute = las columnas “{ $first }” y “{ $second }” son el mismo atributo
problem-texts-no_key_column = no hay columna de id de Telegram, teléfono ni email
problem-texts-empty = el archivo está vacío
problem-texts-not_utf8 = el archivo no es texto UTF-8
problem-texts-malformed = no se puede leer la línea { $line }: { $message }
problem-texts-create-invalid = { $field }: no es válido
problem-texts-create-too-long = { $field }: supera los { $max } caracteres
problem-texts-create-duplicate = el usuario { $user_id } ya tiene este valor de { $field }
field-labels-telegram-id = id de Telegram
field-labels-first-name = nombre
field-labels-last-name = apellido
field-labels-username = nombre de usuario
field-labels-language-code = idioma
field-labels-chosen-language = idioma elegido
field-labels-phone = teléfono
field-labels-email = email
field-labels-timezone = zona horaria
field-labels-gender = género
field-labels-tags = etiquetas
field-labels-status = estado
field-labels-registered-at = fecha de registro
field-labels-notes = notas
texts-wrong-row = línea { $line }: { $problems }
