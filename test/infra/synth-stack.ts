/**
 * Synthesizes the stack the way infra/app.ts does (config from context, inputs through the loaders,
 * cdk-nag AwsSolutions as a validation plugin), with asset bundling skipped: the bundle itself is
 * covered by lambda-bundle.test.ts and `cdk synth` by cdk-synth.test.ts.
 */
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readInfraConfig } from '../../infra/config';
import { GongkaiStack } from '../../infra/gongkai-stack';
import { loadDeployInputs } from '../../infra/load-inputs';

export const FIXTURE_CONTEXT = {
  'gongkai:catalogue': 'test/infra/fixtures/catalogue.json',
  'gongkai:sources': 'test/infra/fixtures/sources.json',
};

export async function synthStack(
  context: Record<string, unknown>,
): Promise<{ stack: GongkaiStack; template: Template }> {
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  const config = readInfraConfig((key) => app.node.tryGetContext(key));
  const stack = new GongkaiStack(app, 'GongkaiTest', { config, ...(await loadDeployInputs(config)) });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  // Throws with cdk-nag's report when any finding is not acknowledged.
  const template = Template.fromStack(stack);
  return { stack, template };
}
