// Small DOM helpers shared by the panels.
export const $ = id => document.getElementById(id);

export function el(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('data-')) e.setAttribute(k, v);
    else if (k === 'text') e.textContent = v;
    else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

export function status(element, text, ok) {
  element.textContent = text;
  element.className = ok ? 'ok' : 'error';
}

/** A CLASP value as text: JSON for arrays and maps, bytes as hex. */
export function showValue(v) {
  if (v instanceof Uint8Array) return `bytes ${Array.from(v, b => b.toString(16).padStart(2, '0')).join('')}`;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** Glob matching as the router does: * one segment, ** any number of segments. */
export function globToRegExp(pattern) {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const body = escaped.replace(/\/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '(?:/.*)?');
  return new RegExp(`^${body}$`);
}

/**
 * Makes the table body hold one row per item, in the items' order, keyed by {@code key(item)} (the row's data-key):
 * rows are kept and updated in place, so an element someone is pointing at is not replaced every poll.
 */
export function syncRows(body, items, key, build, update) {
  const old = new Map([...body.rows].map(r => [r.dataset.key, r]));
  for (const item of items) {
    const k = String(key(item));
    let row = old.get(k);
    if (!row) {
      row = build(item);
      row.dataset.key = k;
    }
    old.delete(k);
    update(row, item);
    body.append(row);
  }
  for (const row of old.values()) row.remove();
}

/** Sets the text of each cell of {@code row} by class name. */
export function fill(row, cells) {
  for (const [c, v] of Object.entries(cells)) row.querySelector(`td.${c}`).textContent = v ?? '';
}

/** A row of empty cells with these class names, and these data attributes. */
export function row(classes, data = {}) {
  const r = el('tr', Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v])));
  for (const c of classes) r.append(el('td', { class: c }));
  return r;
}
