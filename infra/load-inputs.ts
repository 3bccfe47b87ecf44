/**
 * Reads the catalogue and sources a deployment ships, with the same loaders the CLI uses, and
 * refuses them before anything deploys if they are invalid or could never work on AWS.
 */
import { resolve } from 'node:path';
import { loadCatalogue, loadSources } from '../src/config';
import { ValidationError } from '../src/core/validation';
import type { InfraConfig } from './config';
import { PROJECT_ROOT } from './lambda-bundling';

export interface DeployInputs {
  /** The catalogue with its rule packs merged in: the functions receive one self-contained file. */
  catalogueJson: string;
  sourcesJson: string;
}

/**
 * Validates the catalogue and sources named by the config (paths relative to the project root)
 * and returns them as compact JSON. Sources that allow private-network addresses (the demo portal
 * on 127.0.0.1) are refused: on AWS they could only reach the VPC-less Lambda's own sandbox.
 * @throws ValidationError naming the context key and every wrong JSON path.
 */
export async function loadDeployInputs(config: InfraConfig): Promise<DeployInputs> {
  const catalogue = await withKey('gongkai:catalogue', () =>
    loadCatalogue(resolve(PROJECT_ROOT, config.catalogue)),
  );
  const sources = await withKey('gongkai:sources', () => loadSources(resolve(PROJECT_ROOT, config.sources)));
  const privateOnes = sources.sources.flatMap((source, i) =>
    source.allowPrivateNetwork
      ? [`sources[${i}].allowPrivateNetwork: not allowed on AWS (source ${source.id})`]
      : [],
  );
  if (privateOnes.length > 0) throw new ValidationError(`gongkai:sources (${config.sources})`, privateOnes);
  const { include: _merged, ...selfContained } = catalogue;
  return { catalogueJson: JSON.stringify(selfContained), sourcesJson: JSON.stringify(sources) };
}

async function withKey<T>(key: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(`${key}: ${error.what}`, error.problems);
    throw error;
  }
}
