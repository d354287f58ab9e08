/** A time as admins read it in the menu: `YYYY-MM-DD HH:mm`, in UTC. */
export function formatUtcMinute(at: Date): string {
  return at.toISOString().slice(0, 16).replace("T", " ");
}
