// Passage post terminal's service worker: it keeps the page's own files (the page, its
// scripts, its style and its texts) so that the terminal opens at a post without a network.
// Network first: while the node answers, the files come from it (a node upgraded in place
// is seen at once) and the copies are refreshed; without it, the copies are used. It
// never touches the API: acts wait in the page's own queue (terminal.js), not here.

const CACHE = 'passage-terminal-v1';
const FILES = [
  '/terminal/',
  '/terminal/terminal.js',
  '/terminal/encoding.js',
  '/terminal/style.css',
  '/terminal/texts/hy.json',
  '/terminal/texts/az.json',
  '/terminal/texts/ru.json',
  '/terminal/texts/en.json',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== CACHE)
      .map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin
    || !FILES.includes(url.pathname)) {
    return;
  }
  event.respondWith(fetch(event.request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then((cache) => cache.put(url.pathname, copy)));
      }
      return response;
    })
    .catch(() => caches.match(url.pathname).then((copy) => copy || Response.error())));
});
