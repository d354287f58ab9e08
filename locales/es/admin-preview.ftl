button = 👤 Vista previa como…
ask-user = 👤 ¿Vista previa como quién? Envía el id o @username de un usuario.
user-none = 🤷 Ningún usuario tiene ese id o username. Envía otro.
user-many = Coinciden varios usuarios; envía su id numérico.
intro = 👤 Así lo recibe { $name } (id { $id }) (los botones URL no se registran: una vista previa no es un clic):
