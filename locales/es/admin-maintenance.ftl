extensions-button = 🛠 Mantenimiento
title = 🛠 Mantenimiento
on = ACTIVADO: los usuarios solo ven el texto de abajo; a los administradores no les afecta.
off = DESACTIVADO: el bot funciona con normalidad.
text-header = Texto:
switch-button = Modo mantenimiento
edit-button = ✏️ Editar texto
ask = Envía el nuevo texto de mantenimiento.
