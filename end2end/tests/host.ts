import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A municipality's own website, on another origin than the app (another loopback address, so
 * another site too): serves the given pages, each a path and its HTML.
 */
export async function startHost(pages: Record<string, string>) {
  const server = http.createServer((req, res) => {
    const html = pages[new URL(req.url ?? '/', 'http://host').pathname];
    res.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'niet gevonden');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/') => `http://127.0.0.2:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A plain page of a municipal website with `body` in its main content. */
export function hostPage(body: string, title = 'Bouwen in onze gemeente') {
  return `<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="margin:0;font-family:sans-serif">
<main style="max-width:60rem;margin:0 auto;padding:1rem">
<h1>${title}</h1>
<p>Hieronder staan de woningbouwprojecten in onze gemeente.</p>
${body}
<p>Tekst onder de kaart.</p>
</main>
</body>
</html>`;
}
