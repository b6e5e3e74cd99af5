/** What every page receives from the app, and what it hands back. */
import type { ApiClient } from '../api.js';
import type { UiConfig } from '../config.js';
import { h } from '../dom.js';
import { formatAgo, formatUtc } from '../format.js';
import type { Shell } from '../shell.js';

/** Dependencies of a page. */
export interface ViewContext {
  api: ApiClient;
  config: UiConfig;
  shell: Shell;
  /** Called when the API answers 401: the app swaps the page for the sign-in state. */
  unauthorized(): void;
}

/** A mounted page; dispose stops its timers and polling. */
export interface View {
  element: HTMLElement;
  dispose(): void;
}

/** A `<time>` showing "5 s ago", refreshed in place by {@link refreshTimes}, with the UTC time as its title. */
export function agoElement(iso: string): HTMLTimeElement {
  return h('time', { datetime: iso, 'data-ago': true, title: formatUtc(iso) }, formatAgo(iso, Date.now()));
}

/** Updates every relative time on the page (between polls, and after a 304 that re-renders nothing). */
export function refreshTimes(root: ParentNode): void {
  const now = Date.now();
  for (const element of root.querySelectorAll<HTMLTimeElement>('time[data-ago]')) {
    const text = formatAgo(element.dateTime, now);
    if (element.textContent !== text) element.textContent = text;
  }
}
