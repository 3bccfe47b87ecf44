/**
 * Ascending order of strings by code unit: ISO dates, instants and ids sort as they read, and the
 * order does not depend on the locale (localeCompare's does).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A comparator ordering items by one text field (see compareText). */
export function byText<T>(field: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => compareText(field(a), field(b));
}
