// The CDK app: `npx cdk synth` / `deploy` from the repository root (cdk.json bundles the Lambdas first).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseDeployContext } from './context.js';
import { IamlpForwarderStack } from './forwarder-stack.js';
import { IamlpStack } from './iamlp-stack.js';
import { lambdaCodeIn } from './lambda-code.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const app = new App();
const { stackName, organizationBusArn, ...parameters } = parseDeployContext((key) =>
  app.node.tryGetContext(key),
);
const webDir = join(root, 'dist', 'web');
const lambdaCode = lambdaCodeIn(root);
const stack = new IamlpStack(app, stackName, {
  ...parameters,
  lambdaCode,
  ...(existsSync(webDir) ? { webAssetDir: webDir } : {}),
  description: 'iamlp: least-privilege IAM policies from live CloudTrail activity',
  env: {
    ...(process.env.CDK_DEFAULT_ACCOUNT === undefined ? {} : { account: process.env.CDK_DEFAULT_ACCOUNT }),
    ...(process.env.CDK_DEFAULT_REGION === undefined ? {} : { region: process.env.CDK_DEFAULT_REGION }),
  },
});
if (lambdaCode.api === undefined)
  Annotations.of(stack).addWarningV2(
    'iamlp:no-api',
    'api/lambda.ts is not bundled (dist/lambda/api): synthesized without the API',
  );
if (!existsSync(webDir))
  Annotations.of(stack).addWarningV2('iamlp:no-ui', 'dist/web does not exist: only config.json is deployed');
// Environment-agnostic, so one template serves every member account (StackSets).
if (organizationBusArn !== undefined)
  new IamlpForwarderStack(app, `${stackName}Forwarder`, { organizationBusArn });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
