/** What admins are told about the fields a text may use (welcome, deeplinks, mailings, gate texts). */
export const texts = {
  help:
    "Fields: {first_name} {last_name} {full_name} {username} {id} · {email} {phone} {language} {timezone} " +
    "{gender} {country} · {attr.<key>} for any attribute; a fallback after |, e.g. {attr.plan|free}",
  unknownField:
    "❌ The text uses {{field}}, a field no user has. Use {first_name}, {last_name}, {full_name}, {username}, " +
    "{id}, {email}, {phone}, {language}, {timezone}, {gender}, {country} or {attr.<key>}, with an optional " +
    "fallback after | ({attr.plan|free}). Send the text again.",
} as const;
