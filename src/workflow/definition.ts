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
  TimeoutSeconds?: number;
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

/**
 * Each Task state's `TimeoutSeconds`: the one budget a task has. The stack sets each Lambda's
 * timeout from it, and the local runner enforces the same ASL, so a task times out alike on AWS
 * and on one machine. A Task without one is an error: the local engine's default is 60 s.
 */
export function taskTimeouts(
  definition: { States: Record<string, AslState> } = definitionJson as never,
): Map<string, number> {
  const found = new Map<string, number>();
  const visit = (states: Record<string, AslState>) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Task') {
        if (!state.TimeoutSeconds) throw new Error(`Task state "${name}" has no TimeoutSeconds`);
        found.set(name, state.TimeoutSeconds);
      }
      if (state.ItemProcessor) visit(state.ItemProcessor.States);
      if (state.Iterator) visit(state.Iterator.States);
      for (const branch of state.Branches ?? []) visit(branch.States);
    }
  };
  visit(definition.States);
  return found;
}
