content-poll = encuesta “{ $question }” (opciones: { $count })
content-quiz = cuestionario “{ $question }” (opciones: { $count })
poll-note = 📊 Esta encuesta llega a cada destinatario como una encuesta propia, nunca anónima: cada respuesta se guarda con quien votó, se muestra en el informe y se puede usar en segmentos como poll:<id de difusión>=<número de opción>.
ask-attribute = 📝 ¿Guardar también cada respuesta en un atributo de quien vota (el texto de la opción elegida)? Envía la clave del atributo (a-z, 0-9 y _, p. ej. color_favorito) o pulsa ⏭ Sin atributo.
no-attribute = ⏭ Sin atributo
bad-attribute = “{ $value }” no es una clave de atributo: usa de 1 a 64 caracteres a-z, 0-9 y _.
attribute-chosen = 📝 Las respuestas se guardan en el atributo { $key }.
problem-question-length = La pregunta debe tener de 1 a { $max } caracteres
problem-option-count = Una encuesta tiene de { $min } a { $max } opciones
problem-option-length = La opción { $number } debe tener de 1 a { $max } caracteres
problem-quiz-options = Un cuestionario indica sus opciones correctas por número, de 1 a { $max }
problem-quiz-one-answer = Un cuestionario con una sola respuesta tiene una sola opción correcta
problem-explanation-length = La explicación tiene como máximo { $max } caracteres
results-title = 📊 { $question }
results-voters = 🗳 Respondieron: { $voters } de { $sent } ({ $percent }%)
results-row = { $option }. { $text } — { $votes } · { $percent }%{ $mark }
correct-mark = { " " }✅
results-attribute = 📝 Guardado en el atributo { $key }
results-segment = Segmento de quienes votaron una opción: poll:{ $id }=<número de opción>
