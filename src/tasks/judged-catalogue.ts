import { expandObligations } from '../core/expand-obligations';
import type { Catalogue } from '../core/obligation';
import type { TaskDeps } from './deps';

const expanded = new WeakMap<Catalogue, WeakMap<object, Catalogue>>();

/**
 * The catalogue as it is judged: rule-pack obligations scoped to each site or unit laid out over
 * the sources (src/core/expand-obligations.ts). Computed once per catalogue and sources file.
 */
export function judgedCatalogue(deps: Pick<TaskDeps, 'catalogue' | 'sources'>): Catalogue {
  let bySources = expanded.get(deps.catalogue);
  if (!bySources) {
    bySources = new WeakMap();
    expanded.set(deps.catalogue, bySources);
  }
  let catalogue = bySources.get(deps.sources);
  if (!catalogue) {
    catalogue = { ...deps.catalogue, obligations: expandObligations(deps.catalogue, deps.sources.sources) };
    bySources.set(deps.sources, catalogue);
  }
  return catalogue;
}
