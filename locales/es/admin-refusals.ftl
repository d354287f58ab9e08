refusal-texts-invalid_name = ❌ El nombre no es válido: { $reason }
refusal-texts-invalid_email = Eso no es una dirección de email.
refusal-texts-invalid_phone = Eso no es un número de teléfono: usa + y el código de país, 7–15 dígitos.
refusal-texts-invalid_timezone = Eso no es un nombre de zona horaria IANA como Europe/Berlin.
refusal-texts-invalid_gender = El género es un texto corto (32 caracteres como máximo).
refusal-texts-invalid_attribute_key = La clave debe tener 1–64 letras minúsculas, dígitos o _.
refusal-texts-attribute_value_too_long = El valor supera 1 KB.
refusal-texts-empty_attribute_value = El valor está vacío; usa ➖ Quitar para eliminar un atributo.
refusal-texts-invalid_tag = Una etiqueta tiene 1–32 letras, dígitos, _ o -.
refusal-texts-invalid_note = Una nota es un texto no vacío de 4096 caracteres como máximo.
refusal-texts-invalid_language = No es un código de idioma, como en, ru o pt-br.
refusal-texts-invalid_request = { $reason }
refusal-texts-invalid_code = ❌ Ese código no es válido: { $reason }
refusal-texts-referral_prefix = ❌ Ese código está reservado para enlaces de invitación: { $reason }
refusal-texts-code_taken = Otro administrador acaba de tomar el código { $code }. No se creó nada; empieza de nuevo.
refusal-texts-invalid_tags = ❌ Las etiquetas no son válidas: { $reason }
refusal-texts-invalid_deeplink = ❌ Ese código de enlace profundo no es válido: { $reason }
refusal-texts-invalid_topics = ❌ Los temas no son válidos: { $reason }
refusal-texts-invalid_payload = ❌ El mensaje no es válido: { $reason }
refusal-texts-invalid_text = ❌ El texto no es válido: { $reason }
refusal-texts-invalid_markup = ❌ El formato del texto está roto: { $reason }
refusal-texts-invalid_copy = ❌ Ese mensaje no se puede copiar: { $reason }
refusal-texts-invalid_album = ❌ El álbum no es válido: { $reason }
refusal-texts-invalid_poll = ❌ La encuesta no es válida: { $reason }
refusal-texts-invalid_buttons = ❌ Los botones no son válidos: { $reason }
refusal-texts-buttons_with_album = ❌ Los álbumes no pueden llevar botones. No se creó nada.
refusal-texts-invalid_form_button = ❌ El botón del formulario no es válido: { $reason }
refusal-texts-unknown_form = 🤷 Ese formulario no existe. No se guardó nada.
refusal-texts-unknown_template_field = ❌ El texto usa { "{" }{ $template_field }{ "}" }, un campo que ningún usuario tiene. Usa un campo de nombre ({ $first_name }, { $last_name }, { $full_name }, { $username }, { $id }), un campo del perfil ({ $email }, { $phone }, { $language }, { $timezone }, { $gender }, { $country }) o { "{attr.<key>}" }, cada uno con un valor alternativo opcional: { "{attr.plan|free}" }. No se guardó nada.
refusal-texts-invalid_segment = ❌ El segmento no es válido: { $reason }
refusal-texts-invalid_variants = ❌ Las variantes no son válidas: { $reason }
refusal-texts-invalid_dead_after = ❌ Inactivo tras es un número entero de 1 a 5.
refusal-texts-invalid_rate = ❌ La velocidad no es válida: { $reason }
refusal-texts-paid_broadcast_off = ⚡ Las difusiones de pago están desactivadas en 📬 Ajustes de difusión. No se creó nada.
refusal-texts-invalid_schedule = ❌ La hora programada no es válida: { $reason }
refusal-texts-schedule_in_past = 🗓 Esa hora ya pasó. No se programó nada; empieza de nuevo.
refusal-texts-not_found = 🤷 Eso ya no existe: alguien lo eliminó mientras tanto.
refusal-texts-invalid_delay = ❌ La espera no es válida: { $reason }
refusal-texts-invalid_window = ❌ La ventana de envío no es válida: { $reason }
refusal-texts-invalid_position = ❌ Esa posición no es válida: { $reason }
refusal-texts-unknown_campaign = 🤷 Ese enlace de campaña ya no existe: alguien lo eliminó mientras tanto. No se cambió nada.
refusal-texts-ref_link_only_without_links = Primero activa las invitaciones de usuarios o los enlaces de campaña: sin ninguno de los dos, permitir el acceso solo con enlace de invitación rechazaría a todos los recién llegados.
refusal-texts-rate_above_free_limit = ⚡ Una velocidad de más de 30 mensajes/s requiere activar las difusiones de pago (📬 Ajustes de difusión). No se cambió nada.
refusal-texts-is_admin = Este usuario es administrador: primero quítale los permisos de administrador.
refusal-texts-no_telegram_id = Este contacto no tiene id de Telegram: el bot no puede hablar con él.
refusal-texts-not_imported = ❌ Solo un contacto importado (sin id de Telegram) se puede fusionar con un usuario de Telegram.
refusal-texts-not_telegram_user = ❌ Ese es un contacto importado sin id de Telegram, no un usuario de Telegram.
refusal-texts-duplicate =
    ❌ No se creó el usuario:
    { $problems }
refusal-texts-invalid_user =
    ❌ No se creó el usuario:
    { $problems }
refusal-texts-ambiguous = ❌ Más de un usuario tiene este teléfono o email; primero cambia o elimina uno.
refusal-texts-conflict = ❌ Ese teléfono o email pertenece a otro usuario de Telegram.
refusal-texts-import_in_progress = ⏳ Ahora mismo se está aplicando otra importación. Vuelve a enviar este archivo cuando termine.
refusal-texts-import_interrupted = ⏳ Una importación anterior se interrumpió y se está terminando. Vuelve a enviar este archivo en unos segundos.
refusal-texts-not_owner =
    👮 Administradores

    Solo los propietarios (ADMIN_IDS) gestionan a los administradores.
refusal-texts-is_owner = Esa persona ya es propietario (por ADMIN_IDS). Envía a otra persona (o /cancel).
refusal-texts-already_admin = Esa persona ya es administrador. Envía a otra persona (o /cancel).
refusal-texts-not_added =
    👮 Administrador

    Esta persona ya no es un administrador agregado.
refusal-texts-invalid_prompt = ❌ La pregunta no es válida: { $reason }
refusal-texts-invalid_target = ❌ Ahí no se puede guardar la respuesta: { $reason }
refusal-texts-kind_target_mismatch = ❌ Ese tipo de pregunta no puede llenar ese campo: { $reason }
refusal-texts-invalid_choices = ❌ Las opciones no son válidas: { $reason }
refusal-texts-invalid_reask = ❌ El texto para volver a preguntar no es válido: { $reason }
refusal-texts-invalid_expiry = ❌ La caducidad no es válida: { $reason }
refusal-texts-invalid_order = ❌ El orden no es válido: { $reason }
refusal-texts-built_in_form = 🔒 El formulario de /profile se puede editar, pero no eliminar.
refusal-texts-no_questions = ❌ El formulario aún no tiene preguntas: agrega una primero.
refusal-texts-user_not_active = ❌ Ese usuario no es un usuario activo del bot, así que no se le puede enviar el formulario.
refusal-texts-admin_user = ❌ Los administradores no llenan formularios (sus mensajes van al menú de administración); 👁 Vista previa muestra cómo empieza uno.
refusal-texts-invalid_topic_name = ❌ Ese nombre no es válido: { $reason }. No se guardó nada.
refusal-texts-invalid_topic_description = ❌ Esa descripción no es válida: { $reason }. No se guardó nada.
refusal-texts-topic_name_taken = ❌ Ya hay otro tema llamado { $topic_name }. No se guardó nada.
refusal-texts-unknown_topic = 🤷 Ese tema ya no existe: alguien lo eliminó mientras tanto.
refusal-texts-unknown_topic_text_field = ❌ { $message }. No se guardó nada.
refusal-texts-too_many_requests = ⏳ Demasiadas solicitudes; inténtalo de nuevo en { $retry_after_seconds } s.
refusal-texts-unknown_subject = 🤷 Ese texto ya no existe: alguien lo eliminó mientras tanto. No se guardó nada.
unknown-refusal = ❌ No se hizo: { $message }
