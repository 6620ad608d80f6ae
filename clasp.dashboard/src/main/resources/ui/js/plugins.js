// Transports and bridges: what the router runs (state, detail, counters), the configured instances (Config Admin
// factory configurations, as the shell makes them), and a form generated from the type's MetaType attributes to
// create an instance or update one.
import { $, el, fill, row, status, syncRows } from './dom.js';
import { call, get } from './api.js';

const KIND = { bridges: 'bridge', transports: 'transport' };

export class PluginsPanel {
  constructor() {
    this.types = {};          // 'bridges' | 'transports' -> [type]
    this.editing = null;      // { kind, type, name } while updating an instance
    $('instance-kind').addEventListener('change', () => this.fillTypes());
    $('instance-type').addEventListener('change', () => this.fillFields());
    $('instance-form').addEventListener('submit', e => { e.preventDefault(); this.submit(); });
    $('instance-cancel').addEventListener('click', () => this.stopEditing());
  }

  async refresh() {
    const [transports, bridges] = await Promise.all([get('transports'), get('bridges')]);
    syncRows($('transport-table').tBodies[0], transports.running, t => t.id,
      t => row(['id', 'kind', 'state', 'endpoint', 'connections', 'accepted', 'frames-in', 'frames-out'], { id: t.id }),
      (r, t) => fill(r, { id: t.id, kind: t.kind, state: t.state, endpoint: t.detail && !t.detail.includes(t.endpoint) ? `${t.endpoint} ${t.detail}`.trim() : (t.detail || t.endpoint),
        connections: t.connections, accepted: t.accepted, 'frames-in': t.framesIn, 'frames-out': t.framesOut }));
    syncRows($('bridge-table').tBodies[0], bridges.running, b => b.id,
      b => row(['id', 'protocol', 'state', 'detail', 'messages-in', 'messages-out', 'dropped'], { id: b.id }),
      (r, b) => fill(r, { id: b.id, protocol: b.protocol, state: b.state, detail: b.detail, 'messages-in': b.messagesIn,
        'messages-out': b.messagesOut, dropped: b.dropped }));
    const configured = [...transports.configured.map(c => ['transports', c]), ...bridges.configured.map(c => ['bridges', c])];
    this.showConfigured(configured);
  }

  showConfigured(configured) {
    const body = $('instance-table').tBodies[0];
    const wanted = new Set(configured.map(([, c]) => c.pid));
    for (const row of [...body.rows]) if (!wanted.has(row.dataset.pid)) row.remove();
    for (const [kind, c] of configured) {
      const text = Object.entries(c.properties).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`).join('  ');
      let row = body.querySelector(`tr[data-pid="${CSS.escape(c.pid)}"]`);
      if (!row) {
        const edit = el('button', { type: 'button', class: 'edit', 'data-pid': c.pid, text: 'Edit' });
        const remove = el('button', { type: 'button', class: 'delete', 'data-pid': c.pid, text: 'Delete' });
        row = el('tr', { 'data-pid': c.pid, 'data-kind': kind },
          el('td', { text: KIND[kind] }), el('td', { text: c.type }), el('td', { text: c.name }),
          el('td', { class: 'props' }), el('td', {}, edit, ' ', remove));
        edit.addEventListener('click', () => this.startEditing(kind, row.configured));
        remove.addEventListener('click', () => this.remove(kind, row.configured));
        body.append(row);
      }
      row.configured = c;
      row.querySelector('td.props').textContent = text;
    }
  }

  /** The types of the chosen kind, from MetaType. */
  async fillTypes(selected) {
    const kind = $('instance-kind').value;
    if (!this.types[kind]) this.types[kind] = await get(`${kind}/types`);
    const prefix = `clasp.${KIND[kind]}.`;
    $('instance-type').replaceChildren(...this.types[kind].map(t => {
      const short = t.factoryPid.startsWith(prefix) ? t.factoryPid.slice(prefix.length) : t.factoryPid;
      return el('option', { value: short, text: `${short} (${t.name})` });
    }));
    if (selected) $('instance-type').value = selected;
    this.fillFields();
  }

  type() {
    const kind = $('instance-kind').value;
    const short = $('instance-type').value;
    return (this.types[kind] || []).find(t => t.factoryPid === short || t.factoryPid.endsWith(`.${short}`));
  }

  /** One field per attribute: a select for options, a checkbox for booleans, text otherwise (arrays as a,b,c). */
  fillFields(values = {}) {
    const type = this.type();
    const fields = $('instance-fields');
    fields.replaceChildren();
    $('instance-type-description').textContent = type?.description || '';
    if (!type) return;
    const idProperty = `clasp.${KIND[$('instance-kind').value]}.id`;
    for (const a of type.attributes) {
      if (a.id === idProperty) continue; // the name is the id unless the instance has its own
      const id = `field-${a.id}`;
      const current = values[a.id];
      let input;
      if (a.options.length > 0 && a.cardinality === 0) {
        input = el('select', { id, 'data-key': a.id },
          ...(current === undefined ? [el('option', { value: '', text: `default (${a.defaults.join(',')})` })] : []),
          ...a.options.map(o => el('option', { value: o.value, text: o.label })));
        input.value = current === undefined ? '' : String(current);
      } else if (a.type === 'boolean') {
        input = el('select', { id, 'data-key': a.id }, el('option', { value: '', text: `default (${a.defaults.join(',')})` }),
          el('option', { value: 'true', text: 'true' }), el('option', { value: 'false', text: 'false' }));
        input.value = current === undefined ? '' : String(current);
      } else {
        input = el('input', { id, 'data-key': a.id, size: 40,
          type: a.type === 'password' ? 'password' : (/^(int|long|short|byte|double|float)$/.test(a.type) ? 'number' : 'text'),
          placeholder: a.defaults.join(',') });
        if (input.type === 'number' && /^(double|float)$/.test(a.type)) input.step = 'any';
        input.value = current === undefined ? '' : (Array.isArray(current) ? current.join(',') : String(current));
      }
      fields.append(el('label', { htmlFor: id, text: `${a.name || a.id} (${a.type})` }), input);
      if (a.description) fields.append(el('span', { class: 'description', text: a.description }));
    }
  }

  /** The form's values; empty fields are left out on create (defaults apply) and sent empty on update (removed). */
  values() {
    const properties = {};
    for (const input of $('instance-fields').querySelectorAll('[data-key]')) {
      if (input.value !== '' || this.editing) properties[input.dataset.key] = input.value;
    }
    return properties;
  }

  async submit() {
    const kind = $('instance-kind').value;
    const type = $('instance-type').value;
    const name = $('instance-name').value.trim();
    try {
      if (this.editing) {
        await call('PUT', `${kind}/${encodeURIComponent(type)}/${encodeURIComponent(name)}`, { properties: this.values() });
        status($('instance-status'), `updated ${type} ${name}`, true);
        this.stopEditing();
      } else {
        const answer = await call('POST', kind, { type, name, properties: this.values() });
        status($('instance-status'), `created ${answer.created}`, true);
        $('instance-name').value = '';
        this.fillFields();
      }
    } catch (e) {
      status($('instance-status'), e.message, false);
    }
    await this.refresh();
  }

  async startEditing(kind, c) {
    this.editing = { kind, type: c.type, name: c.name };
    $('instance-kind').value = kind;
    await this.fillTypes(c.type);
    this.fillFields(c.properties);
    $('instance-name').value = c.name;
    for (const id of ['instance-kind', 'instance-type', 'instance-name']) $(id).disabled = true;
    $('instance-heading').textContent = `Update ${KIND[kind]} ${c.type} ${c.name}`;
    $('instance-submit').textContent = 'Update';
    $('instance-cancel').hidden = false;
  }

  stopEditing() {
    this.editing = null;
    for (const id of ['instance-kind', 'instance-type', 'instance-name']) $(id).disabled = false;
    $('instance-name').value = '';
    $('instance-heading').textContent = 'New instance';
    $('instance-submit').textContent = 'Create';
    $('instance-cancel').hidden = true;
    this.fillFields();
  }

  async remove(kind, c) {
    if (!confirm(`Delete ${KIND[kind]} ${c.type} ${c.name} (its configuration and its file)?`)) return;
    try {
      await call('DELETE', `${kind}/${encodeURIComponent(c.type)}/${encodeURIComponent(c.name)}`);
      status($('instance-status'), `deleted ${c.pid}`, true);
    } catch (e) {
      status($('instance-status'), e.message, false);
    }
    await this.refresh();
  }
}
