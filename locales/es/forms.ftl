intro =
    📝 { $name }
    Envía /cancel para detener; tus respuestas se guardan.
current = Actual: { $value }
optional = (opcional: /skip para omitirla)
share-phone-button = 📱 Compartir mi número
done = ✅ ¡Gracias! Completaste el formulario.
cancelled = Cancelado. Tus respuestas hasta ahora se guardan.
problems-not_text = Responde con texto, por favor (o /cancel).
problems-empty = La respuesta está vacía. Envíala de nuevo, por favor.
problems-too_long = Esa respuesta es demasiado larga. Envía una más corta, por favor.
problems-not_number = Envía un número, por ejemplo 42 o 3.5.
problems-bad_email = Eso no parece una dirección de email. Revísala, por favor.
problems-use_button = Comparte tu número de teléfono con el botón de abajo, por favor.
problems-someone_else = Ese es el contacto de otra persona. Comparte el tuyo con el botón de abajo, por favor.
problems-bad_phone = No se puede leer ese número de teléfono. Comparte el tuyo con el botón de abajo, por favor.
problems-bad_date = Envía una fecha, por ejemplo 2026-12-31 o 31.12.2026.
problems-not_choice = Elige uno de los botones de abajo, por favor.
problems-not_photo = Envía una foto, por favor.
problems-required = Esta pregunta necesita una respuesta.
problems-invalid_value = No se puede guardar esa respuesta (es demasiado larga o no se permite aquí). Envía otra, por favor.
profile-name = Perfil
profile-intro = 📝 Completemos tu perfil. Envía /skip para dejar una respuesta como está, /cancel para detener.
profile-done = ✅ Tu perfil está guardado.
profile-first-name = ¿Cuál es tu nombre?
profile-last-name = ¿Y tu apellido?
profile-email = ¿Tu dirección de email?
profile-phone = ¿Tu número de teléfono? Toca el botón de abajo para compartirlo.
