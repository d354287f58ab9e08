now = Сейчас: { $value } (от { $min } до { $max })
type-button = ✏️ Ввести значение
ask = { $title }: отправьте целое число от { $min } до { $max } ({ $unit }). Сейчас: { $value }.
not-whole-number = Отправьте целое число от { $min } до { $max } ({ $unit }), например { $example }.
out-of-range = { $number } — вне диапазона: отправьте целое число от { $min } до { $max } ({ $unit }).
at-min = Уже минимум: { $value }
at-max = Уже максимум: { $value }
