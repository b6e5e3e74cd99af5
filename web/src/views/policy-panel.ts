/** The drafted policy (GET /generate): pretty JSON with Copy and Download, plus the generator's notes. */
import type { GenerateResponse } from '../../../api/contract.js';
import { h } from '../dom.js';
import { formatCount, plural, shortName } from '../format.js';
import { emptyState } from './states.js';

type PolicyDocument = GenerateResponse['documents'][number];

/** Derives a safe download file name from a principal (`app-role-policy.json`). */
export function policyFileName(principal: string, index: number, total: number): string {
  const base =
    shortName(principal)
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 80) || 'principal';
  return total > 1 ? `${base}-policy-${index + 1}.json` : `${base}-policy.json`;
}

async function copyText(text: string, button: HTMLButtonElement, code: HTMLElement): Promise<void> {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    // Clipboard access can be refused (insecure origin, permissions); select the text so Ctrl+C works instead.
    const range = document.createRange();
    range.selectNodeContents(code);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    button.textContent = 'Selected: press Ctrl+C';
  }
  setTimeout(() => {
    button.textContent = label;
  }, 2000);
}

function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function documentBlock(
  principal: string,
  policyDocument: PolicyDocument,
  index: number,
  total: number,
): HTMLElement {
  const text = `${JSON.stringify(policyDocument, null, 2)}\n`;
  const code = h('code', {}, text);
  const fileName = policyFileName(principal, index, total);
  const copy = h('button', { type: 'button', class: 'button', 'data-action': 'copy' }, 'Copy');
  const save = h(
    'button',
    { type: 'button', class: 'button button-primary', 'data-action': 'download' },
    `Download ${fileName}`,
  );
  copy.addEventListener('click', () => void copyText(text, copy, code));
  save.addEventListener('click', () => download(text, fileName));
  return h(
    'div',
    { class: 'policy-document', 'data-document': index },
    h(
      'div',
      { class: 'policy-actions' },
      total > 1 && h('span', { class: 'muted' }, `Document ${index + 1} of ${total}`),
      copy,
      save,
    ),
    h('pre', { class: 'code', tabindex: 0, 'aria-label': `Policy document ${index + 1} JSON` }, code),
  );
}

/** Renders the drafted policy documents, their statistics and the generator's notes. */
export function renderPolicy(policy: GenerateResponse): HTMLElement {
  const { stats } = policy;
  const summary = h(
    'p',
    { class: 'muted' },
    `${plural(stats.actions, 'action')} in ${plural(stats.statements, 'statement')} from ${plural(stats.successfulCalls, 'successful call')}`,
    stats.deniedOnlyActions > 0
      ? `; ${plural(stats.deniedOnlyActions, 'action')} that ${stats.deniedOnlyActions === 1 ? 'was' : 'were'} only ever denied ${stats.deniedOnlyActions === 1 ? 'is' : 'are'} left out`
      : '',
    '.',
  );
  const unresolved =
    stats.unresolvedActions.length > 0 &&
    h(
      'p',
      { class: 'note note-warn' },
      'Granted on "*" because their resources could not be determined: ',
      ...stats.unresolvedActions.flatMap((action, index) => [index > 0 ? ', ' : '', h('code', {}, action)]),
    );
  const notes =
    policy.notes.length > 0 &&
    h(
      'details',
      { class: 'notes' },
      h('summary', {}, `Notes (${formatCount(policy.notes.length)})`),
      h(
        'ul',
        {},
        ...policy.notes.map((note) =>
          h(
            'li',
            {},
            h('span', { class: 'badge badge-quiet' }, note.kind),
            ' ',
            note.action !== undefined && h('code', {}, note.action),
            ' ',
            note.detail,
          ),
        ),
      ),
    );
  const documents =
    policy.documents.length === 0
      ? emptyState(
          'Nothing to draft',
          h('p', {}, 'No successful calls are recorded, so the least-privilege policy is empty.'),
        )
      : h(
          'div',
          {},
          ...policy.documents.map((doc, index) =>
            documentBlock(policy.principal, doc, index, policy.documents.length),
          ),
        );
  return h('div', { class: 'policy-body' }, summary, unresolved, documents, notes);
}
