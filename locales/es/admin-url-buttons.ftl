button = 🔘 Botones
ask =
    🔘 Botones URL debajo del mensaje. Una fila por línea, los botones de una fila separados por |, cada uno como
    Texto - https://example.com

    Ejemplo:
    Nuestro sitio - https://example.com | Canal - https://t.me/example

    Envía - para no poner botones. Actual:
    { $current }
none = ninguno
problem-format = Línea { $line }, botón { $button }: escríbelo como Texto - https://example.com
problem-empty_label = Línea { $line }, botón { $button }: el texto está vacío.
problem-label_too_long = Línea { $line }, botón { $button }: el texto tiene como máximo 64 caracteres.
problem-bad_url = Línea { $line }, botón { $button }: el enlace debe empezar por https://, http:// o tg://
problem-too_many_in_row = Línea { $line }: como máximo 8 botones por fila.
problem-too_many_rows = Como máximo 10 filas de botones.
problem-none = No se encontraron botones. Envíalos como Texto - https://example.com, o - para ninguno.
saved = ✅ Botones guardados: { $count }.
removed = ✅ Botones eliminados.
summary = Botones: { $buttons }
tracked = Los clics en botones http(s) se registran: cada usuario recibe su propio enlace a través de { $prefix }…
untracked = Los clics no se registran (configura PUBLIC_URL para registrarlos).
