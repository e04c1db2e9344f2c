import { renderToString } from 'preact-render-to-string';
import type { VNode } from 'preact';

/** A full HTML document from a page component. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function renderPage(vnode: VNode<any>): string {
  return '<!doctype html>' + renderToString(vnode);
}
