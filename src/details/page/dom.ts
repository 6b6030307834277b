// A tiny DOM builder. Text always goes in as text nodes and attributes through setAttribute, so
// nothing from AWS is ever parsed as markup.

type Child = Node | string | undefined | false;

export function el(tag: string, attrs: Record<string, string | boolean> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

export function icon(name: string): HTMLElement {
  return el('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** Sets text and toggles the "missing" look when there is no value. */
export function setText(node: Element, value: string | undefined, missing = 'Not reported'): void {
  node.textContent = value ?? missing;
  node.classList.toggle('missing', value === undefined);
}
