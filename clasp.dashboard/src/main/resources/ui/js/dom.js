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
