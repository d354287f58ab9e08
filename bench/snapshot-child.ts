/**
 * One snapshot measurement, run by the "snapshot" scenario in a fresh process: a mailing to
 * `audience` users on the database named (sqlite or postgres), its snapshot time, and peak RSS over
 * the snapshot and `seconds` of sending.
 * Prints one JSON line.
 */
import { Api } from "grammy";
import type { Engine } from "./database.js";
import { engineFor, insertBotUsers, mailingOptions, temporaryUsher } from "./mailing.js";

export interface SnapshotMeasurement {
  snapshotSeconds: number;
  peakRssMb: number;
  baseRssMb: number;
  sent: number;
}

/**
 * A Bot API that answers every call at once and keeps nothing, so memory reflects the engine alone.
 * The answer comes on the next turn of the event loop, as a real one comes from the network: answered
 * within the same turn, a database slower than the rate (PostgreSQL's round trips at 1000/s) left the
 * sending a chain of promises that never gave timers a turn, and the window never closed.
 */
const nullBotApiFetch: typeof fetch = async () => {
  await new Promise((resolve) => setImmediate(resolve));
  return new Response(
    JSON.stringify({ ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: "private" } } }),
    {
      headers: { "content-type": "application/json" },
    },
  );
};

async function measureSnapshot(audience: number, sendSeconds: number, engine: Engine) {
  const usher = temporaryUsher(engine);
  try {
    insertBotUsers(usher.database, 5_000_001, audience);
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const mailing = usher.services.mailings.create(
      {
        kind: "mailing",
        payload: { kind: "message", content: { type: "text", text: "Hi {first_name}" }, buttons: [] },
        audience: { includeDead: false },
        options: mailingOptions({ ratePerSecond: 1000, paidBroadcast: true }),
        createdBy: null,
      },
      new Date(),
    );
    const snapshotStarted = performance.now();
    const total = usher.services.mailings.snapshot(mailing.id, new Date());
    const snapshotSeconds = (performance.now() - snapshotStarted) / 1000;
    if (total !== audience) throw new Error(`snapshot has ${total} recipients, expected ${audience}`);
    usher.services.settings.update("mailing", { paidBroadcast: true });
    const engine = engineFor(
      usher.services,
      new Api("123456:BENCH", { apiRoot: "http://null.local", fetch: nullBotApiFetch as never }),
    );
    engine.start();
    await new Promise((r) => setTimeout(r, sendSeconds * 1000));
    await engine.stop();
    clearInterval(sampler);
    const sent = usher.services.mailings.find(mailing.id)?.sent ?? 0;
    const measured: SnapshotMeasurement = {
      snapshotSeconds,
      peakRssMb: peakRss / 2 ** 20,
      baseRssMb: baseRss / 2 ** 20,
      sent,
    };
    return measured;
  } finally {
    usher.remove();
  }
}

const [audience, seconds] = process.argv.slice(2, 4).map(Number);
const engine = (process.argv[4] ?? "sqlite") as Engine;
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureSnapshot(audience ?? 1_000_000, seconds ?? 30, engine);
  console.log(JSON.stringify(result));
}
