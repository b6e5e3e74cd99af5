import type { CuratedRisk } from './types.js';

/** Actions that blind audit logging, threat detection or alerting. */
export const DEFENSE_EVASION: readonly CuratedRisk[] = [
  {
    action: 'cloudtrail:StopLogging',
    severity: 'critical',
    reason: 'stops a trail from recording API activity, blinding audit and detection.',
  },
  {
    action: 'cloudtrail:DeleteTrail',
    severity: 'critical',
    reason: 'deletes a trail and with it all further audit logging to its destination.',
  },
  {
    action: 'guardduty:DeleteDetector',
    severity: 'critical',
    reason: 'turns GuardDuty off in a region and deletes its findings.',
  },
  {
    action: 'organizations:LeaveOrganization',
    severity: 'critical',
    reason:
      'takes the account out of its organization, escaping SCPs, the organization trail and central security tooling.',
  },
  {
    action: 'cloudtrail:UpdateTrail',
    severity: 'high',
    reason:
      "can redirect a trail's logs to another bucket, drop regions or stop logging global-service events.",
  },
  {
    action: 'cloudtrail:PutEventSelectors',
    severity: 'high',
    reason: 'can stop a trail from logging management or data events while the trail still looks enabled.',
  },
  {
    action: 'cloudtrail:DeleteEventDataStore',
    severity: 'high',
    reason: 'deletes a CloudTrail Lake event data store and the event history in it.',
  },
  {
    action: 'cloudtrail:StopEventDataStoreIngestion',
    severity: 'high',
    reason: 'stops a CloudTrail Lake event data store from recording new events.',
  },
  {
    action: 'guardduty:UpdateDetector',
    severity: 'high',
    reason: 'can disable a GuardDuty detector or its data sources without deleting it.',
  },
  {
    action: 'guardduty:DisassociateFromAdministratorAccount',
    severity: 'high',
    reason:
      'detaches a member account from its GuardDuty administrator, hiding its findings from the security team.',
  },
  {
    action: 'guardduty:DisassociateFromMasterAccount',
    severity: 'high',
    reason: 'detaches a member account from its GuardDuty master account (legacy name), hiding its findings.',
  },
  {
    action: 'guardduty:StopMonitoringMembers',
    severity: 'high',
    reason: 'stops GuardDuty from monitoring member accounts on behalf of the administrator account.',
  },
  {
    action: 'guardduty:DeleteMembers',
    severity: 'high',
    reason: 'removes member accounts from GuardDuty administration.',
  },
  {
    action: 'config:StopConfigurationRecorder',
    severity: 'high',
    reason: 'stops AWS Config from recording resource changes.',
  },
  {
    action: 'config:DeleteConfigurationRecorder',
    severity: 'high',
    reason: "deletes AWS Config's recorder, ending the account's configuration history.",
  },
  {
    action: 'config:DeleteDeliveryChannel',
    severity: 'high',
    reason: 'stops AWS Config from delivering configuration snapshots and history.',
  },
  {
    action: 'logs:DeleteLogGroup',
    severity: 'high',
    reason: 'deletes a log group and every event in it, such as the CloudTrail or VPC flow-log group.',
  },
  {
    action: 'ec2:DeleteFlowLogs',
    severity: 'high',
    reason: 'stops VPC flow logging for a network interface, subnet or VPC.',
  },
  {
    action: 'securityhub:DisableSecurityHub',
    severity: 'high',
    reason: 'turns Security Hub off, hiding the findings it aggregates.',
  },
  {
    action: 'cloudtrail:PutInsightSelectors',
    severity: 'medium',
    reason: 'can turn off CloudTrail Insights anomaly detection on a trail.',
  },
  {
    action: 'cloudtrail:UpdateEventDataStore',
    severity: 'medium',
    reason: 'can shorten the retention or narrow the selectors of a CloudTrail Lake event data store.',
  },
  {
    action: 'guardduty:CreateIPSet',
    severity: 'medium',
    reason: 'adds a trusted IP list, and GuardDuty raises no findings for traffic from trusted addresses.',
  },
  {
    action: 'guardduty:UpdateIPSet',
    severity: 'medium',
    reason: 'changes a trusted IP list, and GuardDuty raises no findings for traffic from trusted addresses.',
  },
  {
    action: 'guardduty:CreateFilter',
    severity: 'medium',
    reason: 'creates a filter that can archive matching GuardDuty findings automatically.',
  },
  {
    action: 'guardduty:DeletePublishingDestination',
    severity: 'medium',
    reason: 'stops GuardDuty from exporting findings to S3.',
  },
  {
    action: 'config:DeleteConfigRule',
    severity: 'medium',
    reason: 'deletes a Config rule so the violations it checks for stop being flagged.',
  },
  {
    action: 'logs:DeleteLogStream',
    severity: 'medium',
    reason: 'deletes a log stream and its events.',
  },
  {
    action: 'logs:PutRetentionPolicy',
    severity: 'medium',
    reason: "can shorten a log group's retention so that evidence expires early.",
  },
  {
    action: 'logs:DeleteSubscriptionFilter',
    severity: 'medium',
    reason: 'stops forwarding a log group to a SIEM or another account.',
  },
  {
    action: 'securityhub:BatchUpdateFindings',
    severity: 'medium',
    reason: 'can suppress or resolve Security Hub findings so they leave the triage queue.',
  },
  {
    action: 'securityhub:DisableImportFindingsForProduct',
    severity: 'medium',
    reason: "stops a product's findings from flowing into Security Hub.",
  },
  {
    action: 'access-analyzer:DeleteAnalyzer',
    severity: 'medium',
    reason: 'deletes an IAM Access Analyzer, ending its external-access findings.',
  },
  {
    action: 'access-analyzer:CreateArchiveRule',
    severity: 'medium',
    reason: 'archives matching Access Analyzer findings automatically.',
  },
  {
    action: 'macie2:DisableMacie',
    severity: 'medium',
    reason: 'turns Macie off and deletes its findings and configuration.',
  },
  {
    action: 'inspector2:Disable',
    severity: 'medium',
    reason: 'turns off Amazon Inspector vulnerability scanning.',
  },
  {
    action: 'detective:DeleteGraph',
    severity: 'medium',
    reason: 'deletes an Amazon Detective behavior graph.',
  },
  {
    action: 's3:PutBucketLogging',
    severity: 'medium',
    reason: 'can turn off server access logging for a bucket.',
  },
  {
    action: 'cloudwatch:DeleteAlarms',
    severity: 'medium',
    reason: 'deletes CloudWatch alarms, security alarms included.',
  },
  {
    action: 'cloudwatch:DisableAlarmActions',
    severity: 'medium',
    reason: 'silences alarms without deleting them.',
  },
  {
    action: 'events:DisableRule',
    severity: 'medium',
    reason: 'disables an EventBridge rule, such as one that forwards security events or alerts.',
  },
  {
    action: 'events:DeleteRule',
    severity: 'medium',
    reason: 'deletes an EventBridge rule, such as one that forwards security events or alerts.',
  },
  {
    action: 'route53resolver:DeleteResolverQueryLogConfig',
    severity: 'medium',
    reason: 'deletes a DNS query logging configuration for VPCs.',
  },
  {
    action: 'route53resolver:DisassociateResolverQueryLogConfig',
    severity: 'medium',
    reason: 'stops DNS query logging for a VPC.',
  },
];
