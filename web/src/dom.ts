/**
 * The only way the UI creates DOM. Every string child becomes a text node and attributes pass an allow-list, so
 * CloudTrail-derived text (attacker-controlled) can never become markup, an event handler, a style or a script URL.
 */

/** A child of an element: strings and numbers become text nodes; null, undefined and false are skipped. */
export type Child = Node | string | number | null | undefined | false;

/** Attribute values; `true` sets an empty attribute, `false`/null/undefined leave it out. */
export type Attrs = Record<string, string | number | boolean | null | undefined>;

const SAFE_ATTRIBUTES = new Set([
  'class',
  'id',
  'href',
  'type',
  'title',
  'role',
  'for',
  'name',
  'value',
  'placeholder',
  'tabindex',
  'hidden',
  'disabled',
  'colspan',
  'scope',
  'inputmode',
  'pattern',
  'maxlength',
  'autocomplete',
  'spellcheck',
  'download',
  'datetime',
  'selected',
  'open',
]);

/** Hrefs the UI builds itself: in-app hash routes, object URLs for downloads, and nothing else. */
const SAFE_HREF = /^(#|blob:)/;

function setAttribute(element: Element, name: string, value: string | number | boolean): void {
  const allowed = SAFE_ATTRIBUTES.has(name) || name.startsWith('aria-') || name.startsWith('data-');
  if (!allowed) throw new Error(`attribute ${name} is not on the allow-list`);
  const text = value === true ? '' : String(value);
  if (name === 'href' && !SAFE_HREF.test(text))
    throw new Error('href must be an in-app route or a blob: URL');
  element.setAttribute(name, text);
}

/** Appends children to a parent, strings as text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Creates an HTML element with allow-listed attributes and text-only string children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    setAttribute(element, name, value);
  }
  append(element, ...children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element; attributes are geometry the UI computes, never data. */
export function svg(
  tag: string,
  attrs: Record<string, string | number> = {},
  ...children: Child[]
): SVGElement {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name.startsWith('on') || name === 'href' || name === 'style')
      throw new Error(`svg attribute ${name}`);
    element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

/** Replaces all children of a parent. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** Builds the in-app route to a principal's page; the ARN is percent-encoded so it stays one fragment segment. */
export function principalHref(arn: string): string {
  return `#/principal/${encodeURIComponent(arn)}`;
}
