import type { SiteCheck } from './site-measures';

/** One check of a site or column: the availability and freshness rules need every one of them. */
export interface HealthCheck extends SiteCheck {
  sourceId: string;
  url: string;
  latencyMs: number;
}
