import type {} from 'vitest';
import type { TestProject } from 'vitest/node';

/**
 * Global setup. Builds the `gongkai` bundle the CLI tests run (bin/gongkai.mjs runs dist/, so the
 * tests see the sources as they are now, not as the last `npm ci` built them). Starts DynamoDB Local once for the whole run when any integration or e2e test
 * needs it, and hands its endpoint to tests through `inject('dynamoEndpoint')`.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { buildCli } = await import('../../scripts/build-cli.mjs');
  await buildCli({ quiet: true });
  const { startDynamoLocal } = await import('../../src/local/dynamo-local');
  const dynamo = await startDynamoLocal({ inMemory: true });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
