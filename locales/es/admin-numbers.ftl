now = Actual: { $value } (de { $min } a { $max })
type-button = ✏️ Escribir un valor
ask = { $title }: envía un número entero de { $unit } de { $min } a { $max }. Actual: { $value }.
not-whole-number = Envía un número entero de { $unit } de { $min } a { $max }, por ejemplo { $example }.
out-of-range = { $number } está fuera del rango: envía un número entero de { $unit } de { $min } a { $max }.
at-min = Ya está en el mínimo: { $value }
at-max = Ya está en el máximo: { $value }
