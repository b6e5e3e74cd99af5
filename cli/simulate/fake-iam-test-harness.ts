import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake IAM endpoint received and how it answers. */
export interface FakeIam {
  readonly url: string;
  readonly calls: URLSearchParams[];
  close(): Promise<void>;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Members of a Query-protocol list parameter (`Name.member.1`, `Name.member.2`, …). */
export function members(form: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; form.has(`${name}.member.${i}`); i++) out.push(form.get(`${name}.member.${i}`) ?? '');
  return out;
}

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** IAM's Query-protocol answer to one SimulateCustomPolicy form: results paged two at a time, or an error. */
function answer(form: URLSearchParams, requestId: number): { status: number; body: string } {
  if (form.get('PolicyInputList.member.1')?.includes('NotAllowedToSimulate')) {
    const error =
      '<Error><Type>Sender</Type><Code>AccessDenied</Code>' +
      '<Message>User is not authorized to perform: iam:SimulateCustomPolicy</Message></Error>';
    return {
      status: 403,
      body: `<ErrorResponse xmlns="${NS}">${error}<RequestId>r-denied</RequestId></ErrorResponse>`,
    };
  }
  const actions = members(form, 'ActionNames');
  const resource = xml(members(form, 'ResourceArns')[0] ?? '*');
  const start = Number(form.get('Marker') ?? '0');
  const more = start + 2 < actions.length;
  const results = actions
    .slice(start, start + 2)
    .map((a) => {
      const decision = a === 's3:PutObject' ? 'implicitDeny' : 'allowed';
      return (
        `<member><EvalActionName>${xml(a)}</EvalActionName><EvalResourceName>${resource}</EvalResourceName>` +
        `<EvalDecision>${decision}</EvalDecision><MatchedStatements/><MissingContextValues/></member>`
      );
    })
    .join('');
  const result =
    `<EvaluationResults>${results}</EvaluationResults><IsTruncated>${more}</IsTruncated>` +
    (more ? `<Marker>${start + 2}</Marker>` : '');
  return {
    status: 200,
    body:
      `<SimulateCustomPolicyResponse xmlns="${NS}"><SimulateCustomPolicyResult>${result}</SimulateCustomPolicyResult>` +
      `<ResponseMetadata><RequestId>r-${requestId}</RequestId></ResponseMetadata></SimulateCustomPolicyResponse>`,
  };
}

/**
 * A minimal IAM endpoint speaking the Query protocol (form POST in, XML out) for SimulateCustomPolicy, on a free
 * loopback port. It denies `s3:PutObject` whatever the policy says, to provoke a disagreement, pages results two
 * at a time, and refuses policies containing `NotAllowedToSimulate` with AccessDenied.
 */
export async function startFakeIam(): Promise<FakeIam> {
  const calls: URLSearchParams[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString();
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      calls.push(form);
      const { status, body: xmlBody } = answer(form, calls.length);
      res.writeHead(status, { 'content-type': 'text/xml' });
      res.end(xmlBody);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
