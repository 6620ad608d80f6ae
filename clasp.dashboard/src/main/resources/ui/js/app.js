// The dashboard's start: ask the admin API who we are (a token prompt in authenticated mode until an admin token is
// given; nothing of the router is shown before), then connect the CLASP client to this listener's WebSocket with the
// same token, subscribe to /**, and poll the admin API for what CLASP does not carry.
import { ClaspBuilder } from '@clasp-to/core';
import { $, status } from './dom.js';
import { ApiError, get, token } from './api.js';
import { ParamsPanel } from './params.js';
import { SessionsPanel } from './sessions.js';
import { PluginsPanel } from './plugins.js';
import { TrafficPanel } from './traffic.js';
import { ScenesPanel } from './scenes.js';

const POLL_MS = 1000;
let client = null;
let pollTimer = null;
let started = false;   // the page got past the token prompt once

function showTab(name) {
  for (const tab of document.querySelectorAll('.tab')) tab.classList.toggle('active', tab.dataset.tab === name);
  for (const panel of document.querySelectorAll('.panel')) panel.hidden = panel.id !== name;
  location.hash = name;
}

function connection(state, text) {
  $('connection').dataset.state = state;
  $('connection').textContent = text;
}

function askForToken(message) {
  $('main').hidden = true;
  $('auth').hidden = false;
  $('sign-out').hidden = true;
  connection('refused', 'not signed in');
  status($('auth-status'), message, false);
}

async function start() {
  let me;
  try {
    me = await get('whoami');
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      askForToken(token.get() ? `refused (${e.status}): ${e.message}` : 'an admin token is required');
    } else {
      connection('offline', `admin API unavailable: ${e.message}`);
    }
    return;
  }
  started = true;
  $('auth').hidden = true;
  $('main').hidden = false;
  $('sign-out').hidden = me.mode !== 'authenticated';
  $('whoami').textContent = `${me.principal} (${me.mode} mode)`;
  for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => showTab(tab.dataset.tab));
  showTab(document.getElementById(location.hash.slice(1))?.classList.contains('panel') ? location.hash.slice(1) : 'params');
  await connect();
  const panels = { sessions: new SessionsPanel(), plugins: new PluginsPanel(), traffic: new TrafficPanel(),
    scenes: new ScenesPanel() };
  panels.plugins.fillTypes().catch(() => {});
  const poll = async () => {
    // traffic keeps its chart going whichever tab is shown; the others refresh while shown
    const shown = document.querySelector('.panel:not([hidden])')?.id;
    const due = [panels.traffic, ...(shown !== 'traffic' && panels[shown] ? [panels[shown]] : [])];
    for (const panel of due) {
      try {
        await panel.refresh();
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
          clearInterval(pollTimer);
          client?.close();
          askForToken(`refused (${e.status}): ${e.message}`);
          return;
        }
      }
    }
  };
  for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', poll);
  pollTimer = setInterval(poll, POLL_MS);
  poll();
}

async function connect() {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`;
  connection('connecting', `connecting to ${url}`);
  const builder = new ClaspBuilder(url).withName('dashboard');
  if (token.get()) builder.withToken(token.get());
  try {
    client = await builder.connect();
  } catch (e) {
    connection('offline', `cannot connect to ${url}: ${e.message}`);
    return;
  }
  const params = new ParamsPanel(client);
  client.onDisconnect(reason => connection('offline', `disconnected${reason ? `: ${reason}` : ''}; reconnecting`));
  client.onReconnect(() => connection('subscribed', `connected to ${url} (session ${client.session})`));
  client.subscribe('/**', (value, address) => params.received(value, address));
  connection('subscribed', `connected to ${url} (session ${client.session})`);
  window.dashboard = { client, params };
}

$('token-form').addEventListener('submit', e => {
  e.preventDefault();
  token.set($('token-input').value.trim());
  $('token-input').value = '';
  if (started) location.reload(); // signed in before and refused since: begin afresh with the new token
  else start();
});
$('sign-out').addEventListener('click', () => {
  token.clear();
  location.reload();
});

start();
