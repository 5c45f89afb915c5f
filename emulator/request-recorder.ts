/**
 * Counters by action and status, and a bounded log of recent requests: what tests assert on
 * (e.g. "refresh made exactly one GetKmsInstance call").
 */
import type { EmulatorStats, RequestLogEntry } from "./types";

/** How many recent requests are kept. */
export const REQUEST_LOG_SIZE = 1000;

/** Records every request of the signed API. */
export class RequestRecorder {
  private total = 0;
  private byAction = new Map<string, Map<string, number>>();
  private log: RequestLogEntry[] = [];
  private next = 0;

  /** Counts one request and keeps it in the log. */
  record(entry: RequestLogEntry): void {
    this.total++;
    let statuses = this.byAction.get(entry.action);
    if (!statuses) this.byAction.set(entry.action, (statuses = new Map()));
    const key = String(entry.status);
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    if (this.log.length < REQUEST_LOG_SIZE) this.log.push(entry);
    else this.log[this.next] = entry;
    this.next = (this.next + 1) % REQUEST_LOG_SIZE;
  }

  /** The counters. */
  stats(): EmulatorStats {
    const byAction: Record<string, Record<string, number>> = {};
    for (const [action, statuses] of this.byAction) byAction[action] = Object.fromEntries(statuses);
    return { total: this.total, byAction };
  }

  /** Recent requests, oldest first. */
  requests(): RequestLogEntry[] {
    if (this.log.length < REQUEST_LOG_SIZE) return this.log.map((e) => ({ ...e }));
    return [...this.log.slice(this.next), ...this.log.slice(0, this.next)].map((e) => ({ ...e }));
  }

  /** Clears counters and log. */
  reset(): void {
    this.total = 0;
    this.byAction = new Map();
    this.log = [];
    this.next = 0;
  }
}
