/** The sign-in page of a deployment with IAM authorization: the user pastes temporary AWS credentials. */
import {
  type CredentialsParse,
  checkCredentials,
  parseCredentials,
  type SignInNotice,
  type StoredCredentials,
} from '../auth.js';
import { h } from '../dom.js';

/** What the sign-in page needs. */
export interface SignInOptions {
  /** The API's base URL ('' = this site). */
  apiBaseUrl: string;
  region: string;
  /** Why the user is here again (expired or refused credentials), shown above the form. */
  notice: SignInNotice | null;
  /** Called with valid credentials; the app stores them and mounts the page. */
  onSignIn(credentials: StoredCredentials): void;
}

/** The IAM policy statement that lets a principal call the API, with its ARN filled in where the URL tells. */
function permissionStatement(apiBaseUrl: string, region: string): string {
  const apiId = /^https:\/\/([a-z0-9]+)\.execute-api\./.exec(apiBaseUrl)?.[1] ?? '<api id>';
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return JSON.stringify(
    {
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: `arn:${partition}:execute-api:${region}:<account id>:${apiId}/*`,
    },
    null,
    2,
  );
}

function field(id: string, label: string, input: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

/** Builds the sign-in page. */
export function signInState(options: SignInOptions): HTMLElement {
  const pasted = h('textarea', {
    id: 'credentials-json',
    name: 'credentials',
    class: 'credentials-input',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'credentials-help',
    placeholder: '{ "AccessKeyId": "ASIA…", "SecretAccessKey": "…", "SessionToken": "…", "Expiration": "…" }',
  });
  pasted.rows = 5;
  const secretInput = (id: string): HTMLInputElement =>
    h('input', { id, name: id, type: 'password', autocomplete: 'off', spellcheck: 'false' });
  const accessKeyId = h('input', {
    id: 'access-key-id',
    name: 'access-key-id',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'ASIA…',
  });
  const secretAccessKey = secretInput('secret-access-key');
  const sessionToken = secretInput('session-token');
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'sign-in-form', 'aria-label': 'AWS credentials' },
    field('credentials-json', 'Paste credentials', pasted),
    h(
      'p',
      { id: 'credentials-help', class: 'field-help' },
      'The JSON printed by ',
      h('code', {}, 'aws configure export-credentials --format process'),
      ', or by ',
      h('code', {}, 'aws sts get-session-token'),
      ' / ',
      h('code', {}, 'aws sts assume-role'),
      '.',
    ),
    h(
      'details',
      { class: 'key-fields' },
      h('summary', {}, 'Or enter the keys one by one'),
      h(
        'div',
        { class: 'field-grid' },
        field('access-key-id', 'Access key ID', accessKeyId),
        field('secret-access-key', 'Secret access key', secretAccessKey),
        field('session-token', 'Session token', sessionToken),
      ),
    ),
    error,
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button-primary' }, 'Sign in'),
    ),
  );
  form.noValidate = true;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    let result: CredentialsParse;
    if (pasted.value.trim() !== '') result = parseCredentials(pasted.value);
    else if (accessKeyId.value.trim() !== '' || secretAccessKey.value !== '')
      result = checkCredentials({
        AccessKeyId: accessKeyId.value,
        SecretAccessKey: secretAccessKey.value,
        SessionToken: sessionToken.value,
      });
    else
      result = { ok: false, message: 'Paste credentials, or enter the access key ID and secret access key.' };
    if (!result.ok) {
      error.textContent = result.message;
      error.hidden = false;
      pasted.setAttribute('aria-invalid', String(pasted.value.trim() !== ''));
      return;
    }
    pasted.value = '';
    secretAccessKey.value = '';
    sessionToken.value = '';
    options.onSignIn(result.credentials);
  });

  return h(
    'section',
    { class: 'state state-auth sign-in', 'data-state': 'sign-in', 'aria-labelledby': 'auth-title' },
    h('h1', { id: 'auth-title' }, options.notice?.title ?? 'Sign in with AWS credentials'),
    options.notice !== null &&
      h('p', { class: 'note note-warn', role: 'alert', 'data-notice': true }, options.notice.message),
    h(
      'p',
      {},
      'The API uses IAM authorization: this page signs each request (SigV4) in your browser with AWS credentials ',
      'allowed ',
      h('code', {}, 'execute-api:Invoke'),
      ' on it.',
    ),
    h(
      'p',
      { class: 'sign-in-target muted' },
      'API ',
      options.apiBaseUrl === '' ? 'on this site' : h('span', { class: 'arn' }, options.apiBaseUrl),
      ` · region ${options.region}`,
    ),
    form,
    h(
      'p',
      { class: 'muted' },
      h('strong', {}, 'Temporary credentials are recommended'),
      ': they expire on their own, and the page comes back here when they do. Credentials stay in this tab only ',
      '(sessionStorage) until you sign out or close it; the secret key never leaves the browser.',
    ),
    h(
      'details',
      { class: 'permission' },
      h('summary', {}, 'Permission needed'),
      h('pre', { class: 'hint' }, permissionStatement(options.apiBaseUrl, options.region)),
    ),
  );
}
