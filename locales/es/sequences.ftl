stop-button = 🔕 Detener estos mensajes
stopped = 🔕 Listo: ya no recibirás más de estos mensajes.
already-stopped = Estos mensajes ya están detenidos.
