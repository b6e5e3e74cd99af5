import type { CuratedRisk } from './types.js';

/**
 * Actions that let a principal gain permissions it was not granted, after Rhino Security Labs' catalogue of AWS IAM
 * privilege-escalation methods (policy versions, policy attachment, login profiles, trust policies, PassRole to
 * compute services, code and user-data replacement).
 */
export const PRIVILEGE_ESCALATION: readonly CuratedRisk[] = [
  {
    action: 'iam:CreatePolicyVersion',
    severity: 'critical',
    reason:
      'lets the caller write a new default version of a managed policy, granting anything to every identity it is attached to, the caller included.',
  },
  {
    action: 'iam:AttachUserPolicy',
    severity: 'critical',
    reason:
      'lets the caller attach any managed policy, AdministratorAccess included, to a user such as itself.',
  },
  {
    action: 'iam:AttachRolePolicy',
    severity: 'critical',
    reason: 'lets the caller attach any managed policy, AdministratorAccess included, to a role it can use.',
  },
  {
    action: 'iam:AttachGroupPolicy',
    severity: 'critical',
    reason:
      'lets the caller attach any managed policy, AdministratorAccess included, to a group it belongs to.',
  },
  {
    action: 'iam:PutUserPolicy',
    severity: 'critical',
    reason: 'lets the caller write an arbitrary inline policy on a user such as itself.',
  },
  {
    action: 'iam:PutRolePolicy',
    severity: 'critical',
    reason: 'lets the caller write an arbitrary inline policy on a role it can use.',
  },
  {
    action: 'iam:PutGroupPolicy',
    severity: 'critical',
    reason: 'lets the caller write an arbitrary inline policy on a group it belongs to.',
  },
  {
    action: 'iam:UpdateAssumeRolePolicy',
    severity: 'critical',
    reason:
      "lets the caller rewrite a role's trust policy so that it, or an outside account, can assume the role.",
  },
  {
    action: 'iam:SetDefaultPolicyVersion',
    severity: 'high',
    reason: 'lets the caller make an older, possibly broader, version of a managed policy the one in force.',
  },
  {
    action: 'iam:AddUserToGroup',
    severity: 'high',
    reason: "lets the caller add a user such as itself to a group and inherit the group's permissions.",
  },
  {
    action: 'iam:CreateLoginProfile',
    severity: 'high',
    reason: 'lets the caller set a console password for a user that has none and sign in as that user.',
  },
  {
    action: 'iam:UpdateLoginProfile',
    severity: 'high',
    reason: "lets the caller reset another user's console password and sign in as that user.",
  },
  {
    action: 'iam:PassRole',
    severity: 'high',
    reason: "lets the caller hand a role to a service and act with that role's permissions.",
  },
  {
    action: 'iam:DeleteRolePermissionsBoundary',
    severity: 'high',
    reason: 'removes the permissions boundary that caps what a role can do.',
  },
  {
    action: 'iam:DeleteUserPermissionsBoundary',
    severity: 'high',
    reason: 'removes the permissions boundary that caps what a user can do.',
  },
  {
    action: 'iam:PutRolePermissionsBoundary',
    severity: 'high',
    reason: "lets the caller replace a role's permissions boundary with a looser one.",
  },
  {
    action: 'iam:PutUserPermissionsBoundary',
    severity: 'high',
    reason: "lets the caller replace a user's permissions boundary with a looser one.",
  },
  {
    action: 'lambda:UpdateFunctionCode',
    severity: 'high',
    reason: "lets the caller replace a function's code and run it with the function's execution role.",
  },
  {
    action: 'lambda:UpdateFunctionConfiguration',
    severity: 'high',
    reason:
      "lets the caller add layers or change the handler, runtime or role of a function, running its own code with the function's permissions.",
  },
  {
    action: 'glue:CreateDevEndpoint',
    severity: 'high',
    reason:
      'with iam:PassRole, creates a Glue development endpoint the caller can reach over SSH with the passed role.',
  },
  {
    action: 'glue:UpdateDevEndpoint',
    severity: 'high',
    reason:
      "lets the caller add its SSH key to an existing Glue development endpoint and use the endpoint's role.",
  },
  {
    action: 'ssm:SendCommand',
    severity: 'high',
    reason:
      'runs arbitrary commands on managed instances, with their instance-profile credentials within reach.',
  },
  {
    action: 'ssm:StartSession',
    severity: 'high',
    reason:
      'opens an interactive shell on a managed instance, with its instance-profile credentials within reach.',
  },
  {
    action: 'ec2-instance-connect:SendSSHPublicKey',
    severity: 'high',
    reason: "pushes a temporary SSH key to an instance so the caller can log in and use the instance's role.",
  },
  {
    action: 'ec2-instance-connect:SendSerialConsoleSSHPublicKey',
    severity: 'high',
    reason: "pushes a temporary key for an instance's serial console, giving the caller a shell on it.",
  },
  {
    action: 'ec2:ModifyInstanceAttribute',
    severity: 'high',
    reason: "can replace an instance's user data, which runs on the next boot with the instance's role.",
  },
  {
    action: 'ec2:AssociateIamInstanceProfile',
    severity: 'high',
    reason:
      "attaches an instance profile to an instance the caller controls, putting that role's credentials on it.",
  },
  {
    action: 'ec2:ReplaceIamInstanceProfileAssociation',
    severity: 'high',
    reason: "swaps the instance profile of a running instance, putting another role's credentials on it.",
  },
  {
    action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
    severity: 'high',
    reason: "opens a Jupyter session on a notebook instance, which runs with the notebook's execution role.",
  },
  {
    action: 'sts:AssumeRole',
    severity: 'medium',
    reason:
      "switches the caller into another role, possibly in another account, with that role's permissions.",
  },
  {
    action: 'lambda:CreateFunction',
    severity: 'medium',
    reason:
      "with iam:PassRole, creates a function that runs the caller's code with the passed role's permissions.",
  },
  {
    action: 'lambda:CreateEventSourceMapping',
    severity: 'medium',
    reason:
      'wires a function to a stream or queue so it runs with its role without the caller needing invoke rights.',
  },
  {
    action: 'ec2:RunInstances',
    severity: 'medium',
    reason:
      "with iam:PassRole, launches an instance from which the caller can read the passed role's credentials.",
  },
  {
    action: 'cloudformation:CreateStack',
    severity: 'medium',
    reason: 'with iam:PassRole, creates any resource the passed stack role is allowed to create.',
  },
  {
    action: 'cloudformation:UpdateStack',
    severity: 'medium',
    reason: "changes a stack's resources through its service role, which often holds broad permissions.",
  },
  {
    action: 'datapipeline:CreatePipeline',
    severity: 'medium',
    reason: 'with iam:PassRole, creates a pipeline whose activities run with the passed role.',
  },
  {
    action: 'datapipeline:PutPipelineDefinition',
    severity: 'medium',
    reason: "defines the commands a pipeline runs, with the pipeline's role.",
  },
  {
    action: 'codebuild:CreateProject',
    severity: 'medium',
    reason:
      "with iam:PassRole, creates a build project that runs the caller's commands with the passed service role.",
  },
  {
    action: 'codebuild:UpdateProject',
    severity: 'medium',
    reason:
      "changes a project's buildspec or image, running the caller's commands with the project's service role.",
  },
  {
    action: 'codebuild:StartBuild',
    severity: 'medium',
    reason: "can override the buildspec and run arbitrary commands with the project's service role.",
  },
  {
    action: 'sagemaker:CreateNotebookInstance',
    severity: 'medium',
    reason: 'with iam:PassRole, creates a notebook instance that runs with the passed role.',
  },
  {
    action: 'ecs:RegisterTaskDefinition',
    severity: 'medium',
    reason: 'with iam:PassRole, defines containers that run with the passed task role.',
  },
  {
    action: 'iam:AddRoleToInstanceProfile',
    severity: 'medium',
    reason:
      "puts a role into an instance profile, so every instance using the profile gets the role's credentials.",
  },
];
