/**
 * CDK app entry (cdk.json: `npx tsx infra/app.ts`). Settings come from the `gongkai:*` context;
 * cdk-nag's AwsSolutions checks run on every synth, so an unacknowledged finding fails `cdk synth`
 * and `cdk deploy`; acknowledged ones are written into the template metadata with their reasons.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ValidationError } from '../src/core/validation';
import { readInfraConfig, stackIdFor } from './config';
import { GongkaiStack } from './gongkai-stack';
import { loadDeployInputs } from './load-inputs';

try {
  const app = new App();
  const config = readInfraConfig((key) => app.node.tryGetContext(key));
  const inputs = await loadDeployInputs(config);
  new GongkaiStack(app, stackIdFor(app.node.tryGetContext('stage')), {
    description: 'Gongkai Monitor: compliance sweep for government disclosure obligations',
    config,
    ...inputs,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  app.synth();
} catch (error) {
  if (error instanceof ValidationError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
