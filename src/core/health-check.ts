import type { SiteCheck } from './site-measures';

/** One check of a site or column: the availability and freshness rules need every one of them. */
export interface HealthCheck extends SiteCheck {
  sourceId: string;
  url: string;
  latencyMs: number;
  /**
   * Where the archive keeps the copy `sha256` names (its key), recorded when the page was archived:
   * a report links the page as read without a lookup. Absent on checks recorded before keys were.
   */
  archiveKey?: string;
}
