// Sessions: name, transport, peer, principal, frame rates (the difference of the counters between two polls),
// queued bytes, subscriptions; a kick button per session.
import { $, el, status } from './dom.js';
import { call, get } from './api.js';

export class SessionsPanel {
  constructor() {
    this.last = new Map();   // id -> { framesIn, framesOut, at }
    this.rows = new Map();   // id -> <tr>
    this.body = $('session-table').tBodies[0];
  }

  /** Updates the rows in place (a button being clicked is not replaced under the pointer). */
  async refresh() {
    const sessions = await get('sessions');
    const now = performance.now();
    const seen = new Set();
    sessions.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    for (const s of sessions) {
      seen.add(s.id);
      const before = this.last.get(s.id);
      const seconds = before ? (now - before.at) / 1000 : 0;
      const rate = (count, then) => (before && seconds > 0 ? ((count - then) / seconds).toFixed(1) : '-');
      let row = this.rows.get(s.id);
      if (!row) {
        row = el('tr', { 'data-session': s.id, 'data-name': s.name },
          ...['name', 'transport', 'peer', 'principal', 'rate-in', 'rate-out', 'queued', 'subscriptions']
            .map(c => el('td', { class: c })), el('td'));
        if (s.transport !== 'local') {
          const kick = el('button', { type: 'button', class: 'kick', 'data-session': s.id, text: 'Kick' });
          kick.addEventListener('click', () => this.kick(s));
          row.lastChild.append(kick);
        }
        this.rows.set(s.id, row);
      }
      const cells = { name: s.name, transport: s.transport, peer: s.origin.split(' via ')[0], principal: s.principal,
        'rate-in': rate(s.framesIn, before?.framesIn), 'rate-out': rate(s.framesOut, before?.framesOut),
        queued: s.queuedBytes, subscriptions: s.subscriptions };
      for (const [c, v] of Object.entries(cells)) row.querySelector(`td.${c}`).textContent = v;
      this.body.append(row); // in sorted order; an existing row moves
    }
    for (const [id, row] of this.rows) if (!seen.has(id)) { row.remove(); this.rows.delete(id); }
    this.last = new Map(sessions.map(s => [s.id, { framesIn: s.framesIn, framesOut: s.framesOut, at: now }]));
  }

  async kick(session) {
    if (!confirm(`Close session ${session.name} (${session.origin})?`)) return;
    try {
      await call('DELETE', `sessions/${encodeURIComponent(session.id)}`);
      status($('session-status'), `closed ${session.name}`, true);
    } catch (e) {
      status($('session-status'), `kick refused: ${e.message}`, false);
    }
    await this.refresh();
  }
}
