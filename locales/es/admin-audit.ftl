root-button = 📜 Registro de actividad
title = 📜 Registro de actividad
heading = 📜 Registro de actividad: página { $page } de { $pages }, lo más reciente primero (horas en UTC)
empty =
    📜 Registro de actividad

    Todavía no se ha cambiado nada.
previous = ◀
next = ▶
at-first-page = Ya estás en la primera página.
at-last-page = Ya estás en la última página.
