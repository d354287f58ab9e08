import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import type { OpenDatabase } from "../src/db/client.js";

/** Linux counts a process's CPU in clock ticks of 10 ms (USER_HZ, 100 on every common kernel). */
const microsecondsPerTick = 10_000;

/** The local ports of a process's TCP connections to `serverPort`, from /proc (Linux). */
function portsTowards(pid: number, serverPort: number): number[] {
  const sockets = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    const target = (() => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        return "";
      }
    })();
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode) sockets.add(inode);
  }
  const ports: number[] = [];
  for (const table of ["tcp", "tcp6"]) {
    const lines = readFileSync(`/proc/${pid}/net/${table}`, "utf8").trim().split("\n").slice(1);
    for (const line of lines) {
      const [, local, remote, , , , , , , inode] = line.trim().split(/\s+/);
      const port = (address: string | undefined) => Number.parseInt(address?.split(":").at(-1) ?? "", 16);
      if (inode && sockets.has(inode) && port(remote) === serverPort) ports.push(port(local));
    }
  }
  return ports;
}

/**
 * The PostgreSQL server processes that serve one client process (its connections matched by port in
 * pg_stat_activity), so a bench can count the database's CPU where it runs: in the server, not in
 * the bot. Asked through `database`, a connection of the bench's own.
 */
export function serverProcessesOf(database: OpenDatabase, clientPid: number, serverPort = 5432): number[] {
  const ports = portsTowards(clientPid, serverPort);
  if (ports.length === 0) return [];
  return database.sqlite
    .prepare(`SELECT pid FROM pg_stat_activity WHERE client_port IN (${ports.join(", ")})`)
    .pluck()
    .all() as number[];
}

/** The CPU time (user + system) the processes have used so far, in µs; 0 for one that has gone. */
export function cpuOfProcesses(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended: its time is no longer counted.
    }
  }
  return ticks * microsecondsPerTick;
}
