// Scenes: the saved scenes, save the params matching a pattern, recall one at once or over a fade.
import { $, el, status } from './dom.js';
import { call, get } from './api.js';

export class ScenesPanel {
  constructor() {
    $('scene-form').addEventListener('submit', e => { e.preventDefault(); this.save(); });
  }

  async refresh() {
    const scenes = await get('scenes');
    $('scene-table').tBodies[0].replaceChildren(...scenes.map(s => {
      const recall = el('button', { type: 'button', class: 'recall', 'data-scene': s.name, text: 'Recall' });
      recall.addEventListener('click', () => this.recall(s.name));
      return el('tr', { 'data-scene': s.name }, el('td', { text: s.name }), el('td', { text: s.pattern }),
        el('td', { text: s.params }), el('td', { text: s.saved }), el('td', {}, recall));
    }));
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
