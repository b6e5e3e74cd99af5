/** Resource ARN inference: which resources an IAM action of a CloudTrail call applied to. */
export { resolveResources } from './resolve-resources.js';
