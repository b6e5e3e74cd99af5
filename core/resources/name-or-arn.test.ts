// biome-ignore-all lint/suspicious/noTemplateCurlyInString: map.json templates use ${…} syntax.
import { describe, expect, it } from 'vitest';
import { fromRequest, resolve, UNRESOLVED } from './test-support.js';

/** Name-or-ARN request parameters: a hint variable holding the resource's whole ARN is used as is. */

const inEu = { region: 'eu-west-1' };
const TRAIL = 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-audit-trail';
const byName = { resourceVars: { TrailName: '${name}' } };
const byTrailName = { resourceVars: { TrailName: '${trailName}' } };

describe('CloudTrail trails named by name or ARN', () => {
  it('uses a trail ARN given as the name (cloudtrail:StopLogging)', () => {
    expect(resolve('cloudtrail:StopLogging', { name: TRAIL }, inEu, byName)).toEqual(fromRequest(TRAIL));
  });

  it('builds the ARN from a plain trail name', () => {
    expect(resolve('cloudtrail:StopLogging', { name: 'org-audit-trail' }, inEu, byName)).toEqual(
      fromRequest(TRAIL),
    );
  });

  it('keeps the region and account of the ARN: a multi-region or organization trail lives elsewhere', () => {
    const home = 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail';
    for (const action of ['cloudtrail:GetTrailStatus', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail']) {
      expect(resolve(action, { name: home }, inEu, byName)).toEqual(fromRequest(home));
    }
    expect(resolve('cloudtrail:PutEventSelectors', { trailName: home }, inEu, byTrailName)).toEqual(
      fromRequest(home),
    );
  });

  it('uses the ARN found through the lowerCamelCase guess too', () => {
    expect(resolve('cloudtrail:GetEventSelectors', { trailName: TRAIL }, inEu)).toEqual(fromRequest(TRAIL));
  });

  it('rejects ARNs of another resource type, service or partition, and wildcard ARNs', () => {
    const notATrail = [
      'arn:aws:cloudtrail:eu-west-1:111122223333:eventdatastore/0b1c2d3e',
      'arn:aws:s3:::org-audit-trail',
      'arn:aws-cn:cloudtrail:cn-north-1:111122223333:trail/org-audit-trail',
      'arn:aws:cloudtrail:eu-west-1:111122223333:trail/*',
      'arn:aws:cloudtrail:eu-west-1:111122223333:trail/a/b',
    ];
    for (const name of notATrail) {
      expect(resolve('cloudtrail:StopLogging', { name }, inEu, byName), name).toEqual(UNRESOLVED);
    }
  });
});

describe('other name-or-ARN parameters', () => {
  it('rds: a DB instance identifier given as an ARN', () => {
    const db = 'arn:aws:rds:us-east-1:111122223333:db:orders-primary';
    const hints = { resourceVars: { DbInstanceName: '${dBInstanceIdentifier}' } };
    expect(resolve('rds:RebootDBInstance', { dBInstanceIdentifier: db }, {}, hints)).toEqual(fromRequest(db));
  });

  it('rds: a read replica of a source named by ARN and a new replica named by identifier', () => {
    const source = 'arn:aws:rds:us-east-1:974349055189:db:dbinstance34';
    const hints = {
      resourceVars: { DbInstanceName: '%%many%${sourceDBInstanceIdentifier}%${dBInstanceIdentifier}%%' },
    };
    const params = { sourceDBInstanceIdentifier: source, dBInstanceIdentifier: 'dbreplica34' };
    expect(resolve('rds:CreateDBInstanceReadReplica', params, { account: '974349055189' }, hints)).toEqual(
      fromRequest(source, 'arn:aws:rds:us-east-1:974349055189:db:dbreplica34'),
    );
  });

  it('events: an event bus named by ARN matches the event-bus type only', () => {
    const bus = 'arn:aws:events:us-east-1:999988887777:event-bus/partner-bus';
    const hints = { resourceVars: { EventBusName: '${name}' } };
    expect(resolve('events:DescribeEventBus', { name: bus }, {}, hints)).toEqual(fromRequest(bus));
    expect(resolve('events:DescribeEventBus', { name: 'orders' }, {}, hints)).toEqual(
      fromRequest('arn:aws:events:us-east-1:111122223333:event-bus/orders'),
    );
  });

  it('ecs: only the variable that names the resource itself may hold its ARN', () => {
    const hints = { resourceVars: { ClusterName: '${cluster}', ServiceName: '${service}' } };
    const service = 'arn:aws:ecs:us-east-1:111122223333:service/prod/web';
    expect(resolve('ecs:UpdateService', { cluster: 'prod', service }, {}, hints)).toEqual(
      fromRequest(service),
    );
    const cluster = 'arn:aws:ecs:us-east-1:111122223333:cluster/prod';
    expect(resolve('ecs:UpdateService', { cluster, service: 'web' }, {}, hints)).toEqual(UNRESOLVED);
  });
});
