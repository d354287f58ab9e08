content-poll = опрос «{ $question }» (вариантов: { $count })
content-quiz = викторина «{ $question }» (вариантов: { $count })
poll-note = 📊 Каждый получатель получит этот опрос как свой собственный, не анонимный: каждый ответ сохраняется вместе с проголосовавшим, попадает в отчёт и доступен в сегментах как poll:<id рассылки>=<номер варианта>.
ask-attribute = 📝 Записывать ли ответ ещё и в атрибут проголосовавшего (текст выбранного варианта)? Отправьте ключ атрибута (a-z, 0-9 и _, например favourite_colour) или нажмите ⏭ Без атрибута.
no-attribute = ⏭ Без атрибута
bad-attribute = «{ $value }» — не ключ атрибута: допустимы от 1 до 64 символов a-z, 0-9 и _.
attribute-chosen = 📝 Ответы записываются в атрибут { $key }.
problem-question-length = Вопрос должен содержать от 1 до { $max } символов
problem-option-count = В опросе от { $min } до { $max } вариантов
problem-option-length = Вариант { $number } должен содержать от 1 до { $max } символов
problem-quiz-options = Викторина указывает правильные варианты номерами, от 1 до { $max }
problem-quiz-one-answer = В викторине с одним ответом один правильный вариант
problem-explanation-length = Пояснение — не длиннее { $max } символов
results-title = 📊 { $question }
results-voters = 🗳 Ответили: { $voters } из { $sent } ({ $percent }%)
results-row = { $option }. { $text } — { $votes } · { $percent }%{ $mark }
correct-mark = { " " }✅
results-attribute = 📝 Записано в атрибут { $key }
results-segment = Сегмент проголосовавших за вариант: poll:{ $id }=<номер варианта>
