root-button = ⚙️ General
title = ⚙️ General
dear-user-name =
    Nombre «Estimado usuario»: { $name }
    (cómo llaman las plantillas y las listas a un usuario sin nombre)
dear-user-name-button = ✏️ Nombre «Estimado usuario»
ask-dear-user-name = Envía el nuevo nombre «Estimado usuario»: lo que muestran { $first_name } y las listas de usuarios para un usuario sin nombre. Actual: { $name }
session-timeout =
    Duración de la sesión: { $minutes } min
    (la sesión de un usuario termina tras este tiempo sin actividad)
session-timeout-button = ⏱ Duración de sesión: { $minutes } min
session-timeout-title = ⏱ Duración de la sesión
session-timeout-help = La sesión de un usuario termina tras estos minutos sin actividad.
pause =
    Duración de la pausa: { $minutes } min
    (cuánto tiempo ⏸ Pausar bot en la ficha de un usuario mantiene el bot en silencio)
pause-button = ⏸ Duración de pausa: { $minutes } min
pause-title = ⏸ Duración de la pausa
pause-help = Cuánto tiempo ⏸ Pausar bot en la ficha de un usuario mantiene el bot en silencio.
minutes-unit = minutos
minutes = { $minutes } min
support-chat =
    Chat de soporte: { $chat }
    (adonde se reenvían los mensajes de un usuario en pausa)
support-chat-none = Chat de soporte: ninguno, los mensajes de un usuario en pausa van al chat privado de cada administrador
support-chat-button = 💬 Chat de soporte
support-chat-reset = ↩ Reenviar a chats privados
ask-support-chat =
    Envía el chat al que deben ir los mensajes de un usuario en pausa. Cualquiera de estos:
    • un mensaje reenviado desde él
    • su @username o enlace público (t.me/username)
    • su id, como -1001234567890

    Primero agrega a @{ $bot } allí para que pueda publicar (en un canal: como administrador con permiso para publicar mensajes).
support-chat-saved = Guardado. Los mensajes de un usuario en pausa ahora van a “{ $title }” ({ $id }).
support-chat-problems-private_invite = Un bot no puede consultar un enlace de invitación privado. Reenvía un mensaje del chat o envía su id (como -1001234567890).
support-chat-problems-forwarded_from_user = Ese mensaje se reenvió desde una persona, no desde un grupo o canal. Reenvía uno del propio chat o envía su @username o id.
support-chat-problems-user_id = Ese id es de una persona. Los ids de grupos y canales son negativos, como -1001234567890.
support-chat-problems-unrecognized = No puedo identificar un chat con eso. Reenvía un mensaje desde él o envía su @username, su id (como -1001234567890) o su enlace (t.me/username).
support-chat-problems-not_found = No encuentro ese chat. Agrega a @{ $bot } y luego envíalo de nuevo.
support-chat-problems-private_chat = Ese es un chat privado con una persona. Elige un grupo o un canal.
support-chat-problems-cannot_post = No puedo publicar en “{ $title }”. Permite que @{ $bot } envíe mensajes allí (en un canal: hazlo administrador con permiso para publicar) y luego envía el chat de nuevo.
support-chat-problems-failed = Telegram no respondió como se esperaba ({ $description }). Envía el chat de nuevo en un momento.
