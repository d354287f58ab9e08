problems-unknown_field = “{ $token }” en { $offset } no es un campo. Campos: tag, has, lang, status, dead, premium, ref, parent, poll, topic, id, joined, seen, messages, sessions, clicks, referrals, sentiment; los atributos se escriben clave=valor.
problems-bad_key = “{ $token }” en { $offset } no es una clave de atributo: usa de 1 a 64 letras, dígitos o _.
problems-bad_operator = “{ $token }” en { $offset } no encaja con { $field }: escribe { $usage }.
problems-missing_value = “{ $token }” en { $offset } no tiene valor.
problems-value_too_long = El valor en { $offset } supera 1 KB.
problems-unclosed_quote = Las comillas en { $offset } nunca se cierran.
problems-text_after_quote = “{ $token }” en { $offset } va justo tras unas comillas de cierre: pon un espacio antes.
problems-bad_tag = “{ $token }” en { $offset } no es una etiqueta: las etiquetas tienen de 1 a 32 letras, dígitos, _ o -.
problems-bad_language = “{ $token }” en { $offset } no es un código de idioma como en o pt-br.
problems-bad_status = “{ $token }” en { $offset } no es un estado: usa active, pending o banned.
problems-bad_yes_no = “{ $token }” en { $offset }: { $field } es yes o no.
problems-bad_ref = “{ $token }” en { $offset }: escribe ref:r<código de invitación> o ref:a<código de campaña>.
problems-bad_id = “{ $token }” en { $offset } no es un id de Telegram (un número entero).
problems-bad_poll = “{ $token }” en { $offset }: escribe poll:<id de difusión> (respondió) o poll:<id de difusión>=<número de opción> (la eligió, desde 1).
problems-bad_topic = “{ $token }” en { $offset } no es un nombre de tema: los nombres tienen de 1 a 32 letras, dígitos, _ o -.
problems-unknown_topic = “{ $token }” en { $offset }: ningún tema tiene este nombre.
problems-bad_number = “{ $token }” en { $offset } no es un número como 10 o -0.5.
problems-bad_time = “{ $token }” en { $offset } no es una fecha: escribe 2026-01-31, 2026-01-31T18:00, 2026-01-31T18:00:00Z o -7d para hace 7 días (h, d, w).
problems-not_comparable = “{ $token }” en { $offset }: solo los números y las fechas se comparan con < y >.
problems-not_a_condition = “{ $token }” en { $offset } no es una condición: escribe campo:valor (tag:vip) o clave=valor (country=Malaysia).
problems-misplaced_or = “{ $token }” en { $offset } necesita una condición a cada lado.
problems-misplaced_and = “{ $token }” en { $offset } necesita una condición a cada lado.
problems-misplaced_minus = “-” en { $offset } debe ir justo antes de una condición o un grupo.
problems-unclosed_paren = El paréntesis en { $offset } nunca se cierra.
problems-unexpected_paren = El paréntesis en { $offset } no cierra nada.
problems-empty_group = Los paréntesis en { $offset } están vacíos.
problems-too_deep = Grupos y negaciones anidados demasiado a fondo en { $offset }.
problems-too_many_conditions = Demasiadas condiciones: la de { $offset } supera el límite de { $limit }.
usage-tag = tag:vip
usage-has = has:email, has:phone, has:username, has:name o has:<clave de atributo>
usage-lang = lang:en
usage-status = status:active
usage-dead = dead:yes o dead:no
usage-premium = premium:yes o premium:no
usage-ref = ref:r<código de invitación> o ref:a<código de campaña>
usage-parent = parent:<id de Telegram>
usage-poll = poll:<id de difusión> o poll:<id de difusión>=<número de opción>
usage-topic = topic:<nombre del tema>
usage-number = { $field }>=10 (o <, <=, >, =, !=)
usage-time = { $field }>2026-01-31 (o <, <=, >=, =, !=)
usage-attribute = { $field }=valor, { $field }!=valor o { $field }>valor con un número o una fecha
