export {
  type AddressCategory,
  type AddressClass,
  classifyAddress,
  classifyHost,
  type IpAddress,
  parseIpAddress,
  parseLooseIpv4,
} from './address';
export { type ContentClass, classifyContentType, isXmlType } from './content-type';
export { createFetcher, type Fetcher } from './fetcher';
export {
  type AllowedHost,
  DEFAULT_USER_AGENT,
  type FetcherOptions,
  type FetchRequestOptions,
} from './options';
export {
  FETCH_FAILURE_REASONS,
  type FetchedBody,
  type FetchFailure,
  type FetchFailureReason,
  type FetchResult,
  type FetchStats,
  type NotModified,
  type RobotsState,
} from './result';
