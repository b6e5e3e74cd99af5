import { describe, expect, it } from 'vitest';
import { fromRequest, resolve, UNRESOLVED } from './test-support.js';

describe('SQS queues', () => {
  it('converts a queue URL into an ARN with the URL region and owner', () => {
    const params = { queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders', messageBody: 'x' };
    expect(resolve('sqs:SendMessage', params, { region: 'us-east-1' })).toEqual(
      fromRequest('arn:aws:sqs:us-east-1:123456789012:orders'),
    );
  });

  it('understands legacy and VPC endpoint hosts', () => {
    expect(
      resolve('sqs:ReceiveMessage', { queueUrl: 'https://queue.amazonaws.com/123456789012/legacy' }),
    ).toEqual(fromRequest('arn:aws:sqs:us-east-1:123456789012:legacy'));
    expect(
      resolve('sqs:ReceiveMessage', { queueUrl: 'https://eu-west-1.queue.amazonaws.com/123456789012/old' }),
    ).toEqual(fromRequest('arn:aws:sqs:eu-west-1:123456789012:old'));
    const vpce =
      'https://vpce-0a1b2c3d4e5f6a7b8-abcdefgh.sqs.ap-southeast-2.vpce.amazonaws.com/123456789012/jobs.fifo';
    expect(resolve('sqs:DeleteMessage', { queueUrl: vpce })).toEqual(
      fromRequest('arn:aws:sqs:ap-southeast-2:123456789012:jobs.fifo'),
    );
  });

  it('follows the partition for China endpoints', () => {
    const params = { queueUrl: 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q' };
    expect(resolve('sqs:SendMessage', params, { partition: 'aws-cn', region: 'cn-north-1' })).toEqual(
      fromRequest('arn:aws-cn:sqs:cn-north-1:123456789012:q'),
    );
  });

  it('uses the call region for unknown hosts (emulators)', () => {
    expect(
      resolve(
        'sqs:SendMessage',
        { queueUrl: 'http://localhost:9324/123456789012/q' },
        { region: 'eu-north-1' },
      ),
    ).toEqual(fromRequest('arn:aws:sqs:eu-north-1:123456789012:q'));
  });

  it('builds CreateQueue and GetQueueUrl from the name', () => {
    expect(resolve('sqs:CreateQueue', { queueName: 'orders-dlq', attributes: {} })).toEqual(
      fromRequest('arn:aws:sqs:us-east-1:111122223333:orders-dlq'),
    );
    expect(
      resolve('sqs:GetQueueUrl', { queueName: 'shared', queueOwnerAWSAccountId: '999988887777' }),
    ).toEqual(fromRequest('arn:aws:sqs:us-east-1:999988887777:shared'));
  });

  it('falls back on malformed URLs and names', () => {
    expect(
      resolve('sqs:SendMessage', { queueUrl: 'https://sqs.us-east-1.amazonaws.com/not-an-account/q' }),
    ).toEqual(UNRESOLVED);
    expect(
      resolve('sqs:SendMessage', { queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q*' }),
    ).toEqual(UNRESOLVED);
    expect(resolve('sqs:CreateQueue', { queueName: 'a:b' })).toEqual(UNRESOLVED);
  });
});

describe('SNS topics', () => {
  it('uses topicArn as is', () => {
    const arn = 'arn:aws:sns:eu-west-1:999988887777:alerts';
    expect(resolve('sns:Publish', { topicArn: arn, message: 'hi' })).toEqual(fromRequest(arn));
    expect(resolve('sns:Subscribe', { topicArn: arn, protocol: 'sqs', endpoint: 'arn:aws:sqs:…' })).toEqual(
      fromRequest(arn),
    );
  });

  it('builds CreateTopic from the name', () => {
    expect(
      resolve(
        'sns:CreateTopic',
        { name: 'orders.fifo' },
        { partition: 'aws-us-gov', region: 'us-gov-east-1' },
      ),
    ).toEqual(fromRequest('arn:aws-us-gov:sns:us-gov-east-1:111122223333:orders.fifo'));
  });

  it('accepts a topic targetArn but not an endpoint', () => {
    const topic = 'arn:aws:sns:us-east-1:111122223333:t';
    expect(resolve('sns:Publish', { targetArn: topic })).toEqual(fromRequest(topic));
    const endpoint = 'arn:aws:sns:us-east-1:111122223333:endpoint/GCM/app/0f1e';
    expect(resolve('sns:Publish', { targetArn: endpoint })).toEqual(UNRESOLVED);
  });
});

describe('CloudWatch Logs', () => {
  const group = (name: string, region = 'eu-central-1') =>
    `arn:aws:logs:${region}:123456789012:log-group:${name}`;
  const here = { region: 'eu-central-1', account: '123456789012' };

  it('follows the IAM template exactly for log groups (no :* suffix)', () => {
    expect(resolve('logs:CreateLogGroup', { logGroupName: '/stratus-red-team/vpc-flow-logs' }, here)).toEqual(
      fromRequest(group('/stratus-red-team/vpc-flow-logs')),
    );
    expect(
      resolve('logs:DescribeLogStreams', { logGroupIdentifier: `${group('/aws/lambda/x')}:*` }, here),
    ).toEqual(fromRequest(group('/aws/lambda/x')));
  });

  it('builds log stream ARNs', () => {
    const params = {
      logGroupName: '/aws/lambda/panther-analysis-api',
      logStreamName: '2021/10/21/[$LATEST]1111',
    };
    expect(resolve('logs:CreateLogStream', params, here)).toEqual(
      fromRequest(`${group('/aws/lambda/panther-analysis-api')}:log-stream:2021/10/21/[$LATEST]1111`),
    );
    expect(resolve('logs:PutLogEvents', params, here)).toEqual(
      fromRequest(`${group('/aws/lambda/panther-analysis-api')}:log-stream:2021/10/21/[$LATEST]1111`),
    );
  });

  it('resolves every group of StartQuery', () => {
    expect(
      resolve('logs:StartQuery', { logGroupNames: ['b', 'a'], queryString: 'fields @message' }, here),
    ).toEqual(fromRequest(group('a'), group('b')));
  });

  it('falls back on hostile names', () => {
    expect(resolve('logs:CreateLogGroup', { logGroupName: '/aws/*' }, here)).toEqual(UNRESOLVED);
    expect(resolve('logs:CreateLogStream', { logGroupName: 'g', logStreamName: 'a:b' }, here)).toEqual(
      UNRESOLVED,
    );
    expect(resolve('logs:PutLogEvents', { logGroupName: 'g' }, here)).toEqual(UNRESOLVED);
  });
});
