// Params: every value the client's /** subscription delivers, in a table sorted by address (indented by depth, the
// parent path dimmed: the address tree), with revision, writer and lock from the admin API; a filter; an editor.
import { $, el, status, showValue, globToRegExp } from './dom.js';
import { get } from './api.js';

const META_EVERY_MS = 5000;

export class ParamsPanel {
  constructor(client) {
    this.client = client;
    this.rows = new Map();          // address -> <tr>
    this.pending = new Map();       // address -> value, not shown yet
    this.flushing = false;
    this.metaDirty = true;
    this.filter = null;
    this.body = $('param-table').tBodies[0];
    for (const event of ['input', 'change']) $('param-filter').addEventListener(event, () => this.applyFilter());
    $('edit-form').addEventListener('submit', e => { e.preventDefault(); this.edit(); });
    this.body.addEventListener('click', e => {
      const row = e.target.closest('tr[data-address]');
      if (!row) return;
      $('edit-address').value = row.dataset.address;
      $('edit-value').value = row.querySelector('td.value').textContent;
    });
    this.metaTimer = setInterval(() => this.refreshMeta(false), 1000);
  }

  /** A value arrived (SNAPSHOT or SET); shown in the next batch, at most a few ms later. */
  received(value, address) {
    this.pending.set(address, value);
    this.metaDirty = true;
    if (!this.flushing) {
      this.flushing = true;
      setTimeout(() => this.flush(), 0);
    }
  }

  flush() {
    this.flushing = false;
    let added = false;
    for (const [address, value] of this.pending) added = this.show(address, value) || added;
    this.pending.clear();
    if (added) this.sortRows();
    $('param-count').textContent = `${this.rows.size} params`;
  }

  /** Shows {@code value} in the row of {@code address}; true when the row is new (not in the table yet). */
  show(address, value) {
    let row = this.rows.get(address);
    const added = !row;
    if (added) {
      const cut = address.lastIndexOf('/') + 1;
      const depth = address.split('/').length - 2;
      row = el('tr', { 'data-address': address },
        el('td', { class: 'address', style: `padding-left:${0.5 + depth}em` },
          el('span', { class: 'parent', text: address.slice(0, cut) }), address.slice(cut)),
        el('td', { class: 'value' }), el('td', { class: 'revision' }), el('td', { class: 'writer' }),
        el('td', { class: 'lock' }));
      this.rows.set(address, row);
      row.hidden = this.filter !== null && !this.filter.test(address);
    }
    row.querySelector('td.value').textContent = showValue(value);
    row.classList.add('changed');
    clearTimeout(row.changedTimer);
    row.changedTimer = setTimeout(() => row.classList.remove('changed'), 600);
    return added;
  }

  /** Puts every row in address order (once per batch that added rows, so a snapshot of thousands sorts once). */
  sortRows() {
    const sorted = [...this.rows.keys()].sort();
    this.body.append(...sorted.map(a => this.rows.get(a)));
  }

  applyFilter() {
    const text = $('param-filter').value.trim();
    this.filter = text ? globToRegExp(text.startsWith('/') ? text : `/${text}`) : null;
    for (const [address, row] of this.rows) row.hidden = this.filter !== null && !this.filter.test(address);
  }

  /** Revision, writer and lock: fetched when values changed (at most once a second) and every few seconds. */
  async refreshMeta(force) {
    const now = Date.now();
    if (!force && !this.metaDirty && now - (this.metaAt || 0) < META_EVERY_MS) return;
    this.metaDirty = false;
    this.metaAt = now;
    try {
      // only what the filter shows, when there is one
      const pattern = $('param-filter').value.trim() || '/**';
      let added = false;
      for (const p of await get('params?pattern=' + encodeURIComponent(pattern.startsWith('/') ? pattern : `/${pattern}`))) {
        if (!this.rows.has(p.address)) added = this.show(p.address, p.value) || added;
        const row = this.rows.get(p.address);
        row.querySelector('td.revision').textContent = p.revision;
        // a session by its name while it is open (its id on hover), else by its id
        const writer = row.querySelector('td.writer');
        writer.textContent = p.writerName ?? p.writer ?? '';
        writer.title = p.writer ?? '';
        writer.dataset.session = p.writer ?? '';
        const lock = row.querySelector('td.lock');
        lock.textContent = p.lock ? (p.lockName ?? p.lock) : '';
        lock.title = p.lock ?? '';
        lock.dataset.session = p.lock ?? '';
      }
      if (added) this.sortRows();
      $('param-count').textContent = `${this.rows.size} params`;
    } catch (e) {
      this.metaDirty = true; // try again next second
    }
  }

  /** SETs the edited value: JSON (numbers go as Float, as from any JavaScript client), else the text as a String. */
  edit() {
    const address = $('edit-address').value.trim();
    const text = $('edit-value').value;
    let value;
    try { value = JSON.parse(text); } catch { value = text; }
    if (!address.startsWith('/')) { status($('edit-status'), 'an address starts with /', false); return; }
    if (!this.client.connected) { status($('edit-status'), 'not connected', false); return; }
    this.client.set(address, value);
    status($('edit-status'), `set ${address} = ${showValue(value)}`, true);
  }

  stop() { clearInterval(this.metaTimer); }
}
