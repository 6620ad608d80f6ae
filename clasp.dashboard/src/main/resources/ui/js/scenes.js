// Scenes: the saved scenes, save the params matching a pattern, recall one at once or over a fade.
import { $, el, fill, row, status, syncRows } from './dom.js';
import { call, get } from './api.js';

export class ScenesPanel {
  constructor() {
    $('scene-form').addEventListener('submit', e => { e.preventDefault(); this.save(); });
  }

  async refresh() {
    const scenes = await get('scenes');
    syncRows($('scene-table').tBodies[0], scenes, s => s.name, s => {
      const r = row(['name', 'pattern', 'params', 'saved', 'actions'], { scene: s.name });
      const recall = el('button', { type: 'button', class: 'recall', 'data-scene': s.name, text: 'Recall' });
      recall.addEventListener('click', () => this.recall(s.name));
      r.lastChild.append(recall);
      return r;
    }, (r, s) => fill(r, { name: s.name, pattern: s.pattern, params: s.params, saved: s.saved }));
  }

  async save() {
    try {
      const answer = await call('POST', 'scenes', { name: $('scene-name').value.trim(), pattern: $('scene-pattern').value.trim() });
      status($('scene-status'), answer.result, true);
    } catch (e) {
      status($('scene-status'), e.message, false);
    }
    await this.refresh();
  }

  async recall(name) {
    const fadeMs = Number($('scene-fade').value || 0);
    try {
      const answer = await call('POST', `scenes/${encodeURIComponent(name)}/recall`, { fadeMs });
      status($('scene-status'), answer.result, true);
    } catch (e) {
      status($('scene-status'), e.message, false);
    }
  }
}
