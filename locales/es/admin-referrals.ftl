title = 📂 Invitaciones
user-referrals-on = 👥 Invitaciones de usuarios: ACTIVADAS. Cada usuario obtiene un enlace personal con /ref; los recién llegados que lo abren se le atribuyen.
user-referrals-off = 👥 Invitaciones de usuarios: DESACTIVADAS. Los enlaces personales no se atribuyen a nadie.
link-text-heading = Texto de /ref (se completan { $link } y { $count }):
campaigns-on = 📣 Enlaces de campaña: ACTIVADOS. Los recién llegados que abren un enlace de campaña se cuentan para ella.
campaigns-off = 📣 Enlaces de campaña: DESACTIVADOS. Los enlaces de campaña no cuentan a nadie.
campaigns-none = Todavía no hay campañas; ➕ Nuevo enlace crea una.
campaigns-count = Campañas: { $count }, las más recientes primero (página { $page } de { $pages }), con los usuarios que llegaron por cada una:
campaign-line = • { $name }: { $users }
campaigns-not-counting = ⚠️ Los enlaces de campaña están desactivados, así que no se cuentan personas nuevas: estos números no cambiarán hasta que actives los enlaces de campaña.
ref-link-only-on = 🔒 Acceso solo por invitación: ACTIVADO. Los recién llegados sin un enlace válido de usuario o de campaña son rechazados con:
ref-link-only-on-user-links-only = 🔒 Acceso solo por invitación: ACTIVADO. Solo los enlaces personales de los usuarios dejan entrar a los recién llegados; los enlaces de campaña están desactivados, así que quienes abran uno también son rechazados con:
ref-link-only-on-campaigns-only = 🔒 Acceso solo por invitación: ACTIVADO. Solo los enlaces de campaña dejan entrar a los recién llegados; las invitaciones de usuarios están desactivadas, así que los enlaces personales (y /ref) no hacen nada. Los demás son rechazados con:
ref-link-only-locks-everyone-out = ⚠️ Acceso solo por invitación: ACTIVADO, pero las invitaciones de usuarios y los enlaces de campaña están desactivados, así que TODOS los recién llegados son rechazados. Activa uno de ellos o desactiva esta opción. Se les dice:
ref-link-only-off = 🔒 Acceso solo por invitación: DESACTIVADO. Cualquiera puede unirse. Si se activa, a los demás se les dice:
user-referrals-switch = Invitaciones de usuarios
link-text-button = ✏️ Texto del enlace
campaigns-switch = Enlaces de campaña
new-campaign-button = ➕ Nuevo enlace
ref-link-only-switch = Solo por invitación
ref-link-only-text-button = ✏️ Texto
campaign-item = 📣 { $name }
ask-link-text = Envía el nuevo texto que reciben los usuarios con /ref. { $link } se reemplaza por su enlace personal y { $count } por el número de amigos que se unieron con él; { $first_name } y las demás plantillas de usuario también funcionan.
ask-ref-link-only-text = Envía el nuevo texto para los recién llegados que vienen sin enlace de invitación.
ask-campaign-name = Envía un nombre para el nuevo enlace de campaña (1–64 caracteres), p. ej. Anuncios de primavera en Instagram.
campaign-name-too-long = Ese nombre tiene { $length } caracteres; como máximo 64, por favor. Envía uno más corto.
campaign-created =
    ✅ Campaña “{ $name }” creada. Su enlace:
    { $link }
campaigns-are-off = Los enlaces de campaña están desactivados: actívalos para que este enlace cuente a los recién llegados.
campaigns-are-off-ref-only = Los enlaces de campaña están desactivados y el acceso es solo por invitación, así que este enlace rechaza a los recién llegados: activa los enlaces de campaña para que los deje entrar y los cuente.
ref-link-only-needs-links = Primero activa las invitaciones de usuarios o los enlaces de campaña: sin ninguno, el acceso solo por invitación rechazaría a todos los recién llegados.
last-link-kind-needed = El acceso solo por invitación está activado y necesita invitaciones de usuarios o enlaces de campaña: sin ninguno, se rechazaría a todos los recién llegados. Desactívalo primero.
campaign-title = 📣 Campaña “{ $name }”
campaign-details =
    Enlace: { $link }
    Usuarios que llegaron por él: { $users } (activos: { $active })
    Creada: { $created }
campaign-not-counting = ⚠️ Los enlaces de campaña están desactivados, así que no se cuentan personas nuevas por este enlace: activa los enlaces de campaña para contarlas.
campaign-active-hint = Los usuarios activos son los usuarios del bot que no lo han bloqueado.
campaign-gone = Esta campaña ya no existe.
delete-button = 🗑 Eliminar
confirm-delete =
    ¿Eliminar la campaña “{ $name }”?

    Su enlace deja de contar a los recién llegados. Los usuarios que llegaron por él ({ $users }) siguen siendo usuarios del bot; simplemente ya no están vinculados a una campaña.
confirm-yes = ✅ Sí, eliminar
confirm-no = ✖ No, conservarla
