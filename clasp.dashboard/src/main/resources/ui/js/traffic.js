// Traffic: the router's counters polled each second, and a chart of frames/s in and out and deliveries dropped per
// second over the last two minutes, drawn on a canvas.
import { $ } from './dom.js';
import { get } from './api.js';

const SAMPLES = 120;

export class TrafficPanel {
  constructor() {
    this.samples = [];   // { in, out, dropped } per poll
    this.lastDropped = null;
  }

  async refresh() {
    const s = await get('stats');
    const dropped = this.lastDropped === null ? 0 : Math.max(0, s.deliveriesDropped - this.lastDropped);
    this.lastDropped = s.deliveriesDropped;
    this.samples.push({ in: s.framesInPerSecond, out: s.framesOutPerSecond, dropped });
    if (this.samples.length > SAMPLES) this.samples.shift();
    $('stat-in').textContent = s.framesInPerSecond;
    $('stat-out').textContent = s.framesOutPerSecond;
    $('stat-dropped').textContent = s.deliveriesDropped;
    const refusals = Object.entries(s.refusals).filter(([, n]) => n > 0);
    $('stat-refusals').textContent = refusals.length ? refusals.map(([k, n]) => `${k} ${n}`).join(', ') : '0';
    const errors = Object.entries(s.errors).filter(([, n]) => n > 0);
    $('stat-errors').textContent = errors.length ? errors.map(([code, n]) => `${code} ×${n}`).join(', ') : '0';
    $('stat-sessions').textContent = s.sessions;
    $('stat-params').textContent = s.params;
    this.draw();
  }

  draw() {
    const canvas = $('traffic-chart');
    const g = canvas.getContext('2d');
    const { width, height } = canvas;
    const pad = 34;
    g.clearRect(0, 0, width, height);
    const max = Math.max(10, ...this.samples.flatMap(s => [s.in, s.out, s.dropped]));
    const top = 4 * niceCeiling(max / 4); // four round steps
    g.strokeStyle = '#e3e6ea';
    g.fillStyle = '#5c6670';
    g.font = '11px system-ui, sans-serif';
    for (let i = 0; i <= 4; i++) {
      const y = pad / 2 + (height - pad) * (1 - i / 4);
      g.beginPath(); g.moveTo(pad, y); g.lineTo(width - 4, y); g.stroke();
      g.fillText(String(Math.round(top * i / 4)), 2, y + 4);
    }
    const x = i => pad + (width - pad - 4) * (i + SAMPLES - this.samples.length) / (SAMPLES - 1);
    const y = v => pad / 2 + (height - pad) * (1 - v / top);
    for (const [key, color] of [['in', '#2f6fdf'], ['out', '#1e9b54'], ['dropped', '#d23f31']]) {
      g.strokeStyle = color;
      g.lineWidth = 1.6;
      g.beginPath();
      this.samples.forEach((s, i) => (i === 0 ? g.moveTo(x(i), y(s[key])) : g.lineTo(x(i), y(s[key]))));
      g.stroke();
    }
    canvas.dataset.samples = String(this.samples.length);
  }
}

function niceCeiling(v) {
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / step) * step;
}
