import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A policy document as the fake stores it: an object (URL-encoded on the wire, as IAM does) or raw text. */
export type FakeDocument = object | { readonly raw: string };

interface Entity {
  readonly path?: string;
  readonly boundary?: string;
  readonly inline?: Readonly<Record<string, FakeDocument>>;
  readonly attached?: readonly string[];
}

/** What the fake IAM knows; names are keys, managed policies are keyed by ARN. */
export interface FakeIamState {
  readonly account: string;
  readonly roles: Readonly<Record<string, Entity>>;
  readonly users: Readonly<Record<string, Entity & { readonly groups?: readonly string[] }>>;
  readonly groups: Readonly<Record<string, Entity>>;
  readonly policies: Readonly<
    Record<
      string,
      { readonly defaultVersion: string; readonly versions: Readonly<Record<string, FakeDocument>> }
    >
  >;
}

/** An error the fake answers an action with, in IAM's Query protocol error format. */
export interface FakeFault {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const DATE = '2024-01-01T00:00:00Z';

/**
 * Test harness: a loopback HTTP server that speaks IAM's Query protocol (form-encoded POST, XML answers) for the
 * calls the IAM granted source makes, with small pages so pagination is exercised, a request log and faults.
 */
export class FakeIam {
  readonly requests: string[] = [];
  readonly faults = new Map<string, FakeFault>();
  pageSize = 2;
  readonly #state: FakeIamState;
  readonly #server: Server;

  constructor(state: FakeIamState) {
    this.#state = state;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
  }

  /** Starts listening on a random loopback port and returns the endpoint URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Stops the server. */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Number of logged requests of one action. */
  count(action: string): number {
    return this.requests.filter((a) => a === action).length;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const action = params.get('Action') ?? '';
    this.requests.push(action);
    const unsigned = !String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ');
    const fault = unsigned
      ? { status: 403, code: 'IncompleteSignature', message: 'Request must be signed.' }
      : (this.faults.get(action) ?? (params.get('Version') === '2010-05-08' ? undefined : badVersion));
    const answer = fault ?? this.#answer(action, params);
    if ('code' in answer) {
      const error = `<Error><Type>Sender</Type><Code>${answer.code}</Code><Message>${xml(answer.message)}</Message></Error>`;
      res.writeHead(answer.status, { 'content-type': 'text/xml' });
      res.end(
        `<ErrorResponse xmlns="${XMLNS}">${error}<RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
      return;
    }
    const meta = `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`;
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(
      `<${action}Response xmlns="${XMLNS}"><${action}Result>${answer.body}</${action}Result>${meta}</${action}Response>`,
    );
  }

  #answer(action: string, p: URLSearchParams): { body: string } | FakeFault {
    const s = this.#state;
    const role = s.roles[p.get('RoleName') ?? ''];
    const user = s.users[p.get('UserName') ?? ''];
    const group = s.groups[p.get('GroupName') ?? ''];
    const policy = s.policies[p.get('PolicyArn') ?? ''];
    const arn = (kind: string, name: string, e: Entity) =>
      `arn:aws:iam::${s.account}:${kind}${e.path ?? '/'}${name}`;
    switch (action) {
      case 'GetRole':
        return role
          ? {
              body: `<Role>${entityXml('Role', p.get('RoleName') ?? '', arn('role', p.get('RoleName') ?? '', role), role)}</Role>`,
            }
          : missing('role');
      case 'GetUser':
        return user
          ? {
              body: `<User>${entityXml('User', p.get('UserName') ?? '', arn('user', p.get('UserName') ?? '', user), user)}</User>`,
            }
          : missing('user');
      case 'ListRolePolicies':
      case 'ListUserPolicies':
      case 'ListGroupPolicies': {
        const entity = role ?? user ?? group;
        if (entity === undefined) return missing('entity');
        return this.#page(
          'PolicyNames',
          Object.keys(entity.inline ?? {}).map((n) => `<member>${xml(n)}</member>`),
          p,
        );
      }
      case 'GetRolePolicy':
      case 'GetUserPolicy':
      case 'GetGroupPolicy': {
        const name = p.get('PolicyName') ?? '';
        const document = (role ?? user ?? group)?.inline?.[name];
        if (document === undefined) return missing('policy');
        return {
          body: `<PolicyName>${xml(name)}</PolicyName><PolicyDocument>${encode(document)}</PolicyDocument>`,
        };
      }
      case 'ListAttachedRolePolicies':
      case 'ListAttachedUserPolicies':
      case 'ListAttachedGroupPolicies': {
        const entity = role ?? user ?? group;
        if (entity === undefined) return missing('entity');
        const members = (entity.attached ?? []).map(
          (a) =>
            `<member><PolicyName>${xml(a.split('/').at(-1) ?? a)}</PolicyName><PolicyArn>${xml(a)}</PolicyArn></member>`,
        );
        return this.#page('AttachedPolicies', members, p);
      }
      case 'ListGroupsForUser': {
        if (user === undefined) return missing('user');
        const members = (user.groups ?? []).map(
          (g) =>
            `<member><Path>/</Path><GroupName>${xml(g)}</GroupName><GroupId>AGPA${g.length}</GroupId><Arn>arn:aws:iam::${s.account}:group/${xml(g)}</Arn><CreateDate>${DATE}</CreateDate></member>`,
        );
        return this.#page('Groups', members, p);
      }
      case 'GetPolicy':
        if (policy === undefined) return missing('policy');
        return {
          body: `<Policy><PolicyName>x</PolicyName><Arn>${xml(p.get('PolicyArn') ?? '')}</Arn><DefaultVersionId>${policy.defaultVersion}</DefaultVersionId><CreateDate>${DATE}</CreateDate></Policy>`,
        };
      case 'GetPolicyVersion': {
        const version = p.get('VersionId') ?? '';
        const document = policy?.versions[version];
        if (document === undefined) return missing('policy version');
        return {
          body: `<PolicyVersion><Document>${encode(document)}</Document><VersionId>${version}</VersionId><IsDefaultVersion>${version === policy?.defaultVersion}</IsDefaultVersion><CreateDate>${DATE}</CreateDate></PolicyVersion>`,
        };
      }
      default:
        return { status: 400, code: 'InvalidAction', message: `Could not find operation ${action}` };
    }
  }

  #page(element: string, members: readonly string[], p: URLSearchParams): { body: string } {
    const start = Number(p.get('Marker') ?? '0');
    const size = Number(p.get('MaxItems') ?? this.pageSize);
    const end = start + size;
    const more = end < members.length;
    const marker = more ? `<Marker>${end}</Marker>` : '';
    return {
      body: `<${element}>${members.slice(start, end).join('')}</${element}><IsTruncated>${more}</IsTruncated>${marker}`,
    };
  }
}

const badVersion: FakeFault = {
  status: 400,
  code: 'InvalidParameterValue',
  message: 'Version must be 2010-05-08',
};

function missing(what: string): FakeFault {
  return { status: 404, code: 'NoSuchEntity', message: `The ${what} cannot be found.` };
}

function entityXml(kind: 'Role' | 'User', name: string, arn: string, e: Entity): string {
  const boundary = e.boundary
    ? `<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType><PermissionsBoundaryArn>${xml(e.boundary)}</PermissionsBoundaryArn></PermissionsBoundary>`
    : '';
  const id = kind === 'Role' ? 'AROAEXAMPLE' : 'AIDAEXAMPLE';
  return `<Path>${xml(e.path ?? '/')}</Path><${kind}Name>${xml(name)}</${kind}Name><${kind}Id>${id}</${kind}Id><Arn>${xml(arn)}</Arn><CreateDate>${DATE}</CreateDate>${boundary}`;
}

function encode(document: FakeDocument): string {
  return xml(
    'raw' in document && typeof document.raw === 'string'
      ? document.raw
      : encodeURIComponent(JSON.stringify(document)),
  );
}

function xml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
