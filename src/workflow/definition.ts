/**
 * The one sweep definition. CDK deploys sweep.asl.json with `definitionSubstitutions`; the local
 * runner loads the same file and substitutes placeholder ARNs. Both go through these helpers.
 */
import definitionJson from './sweep.asl.json';

export const SWEEP_DEFINITION_FILE = new URL('./sweep.asl.json', import.meta.url);

/** Placeholder names in the ASL, e.g. `${CrawlSourceFunctionArn}` → "CrawlSourceFunctionArn". */
export function substitutionNames(definition: string = JSON.stringify(definitionJson)): string[] {
  return [...new Set([...definition.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

/** The state name a `${<State>FunctionArn}` placeholder binds to. */
export function stateForSubstitution(name: string): string {
  return name.replace(/FunctionArn$/, '');
}

/** The definition with every `${Name}` replaced; unknown placeholders are an error, not a silent gap. */
export function renderDefinition(substitute: (name: string) => string | undefined): Record<string, unknown> {
  const text = JSON.stringify(definitionJson).replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const value = substitute(name);
    if (value === undefined) throw new Error(`no substitution for \${${name}} in the sweep definition`);
    return value;
  });
  return JSON.parse(text) as Record<string, unknown>;
}

interface AslState {
  Type: string;
  Resource?: string;
  ItemProcessor?: { States: Record<string, AslState> };
  Iterator?: { States: Record<string, AslState> };
  Branches?: { States: Record<string, AslState> }[];
}

/** Every Task state (also inside Map and Parallel), by name, with its Resource. */
export function taskStates(definition: { States: Record<string, AslState> }): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (states: Record<string, AslState>) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Task') found.set(name, state.Resource ?? '');
      if (state.ItemProcessor) visit(state.ItemProcessor.States);
      if (state.Iterator) visit(state.Iterator.States);
      for (const branch of state.Branches ?? []) visit(branch.States);
    }
  };
  visit(definition.States);
  return found;
}
