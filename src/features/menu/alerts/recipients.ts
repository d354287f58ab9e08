/** The admins who get new-user alerts, given the stored choice (null: every admin). */
export function alertRecipients(chosen: readonly number[] | null, adminIds: readonly number[]): number[] {
  if (chosen === null) return [...adminIds];
  return adminIds.filter((id) => chosen.includes(id));
}

/**
 * The choice after ticking or unticking one admin: an explicit list (admins no longer there dropped),
 * or null again once it holds every admin.
 */
export function toggleRecipient(
  chosen: readonly number[] | null,
  adminIds: readonly number[],
  adminId: number,
): number[] | null {
  const selected = new Set(alertRecipients(chosen, adminIds));
  if (selected.has(adminId)) selected.delete(adminId);
  else selected.add(adminId);
  const next = adminIds.filter((id) => selected.has(id));
  return next.length === adminIds.length ? null : next;
}
