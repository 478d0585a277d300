import { net, protocol } from 'electron';
import { join, relative, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, appRequestPath, mimeTypeOf } from './security';

/** Must run before the app is ready: app:// behaves like https (secure context, fetch, standard URLs). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serves the built renderer from `rendererRoot` on app://rwb/, with the CSP on every response. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const rel = appRequestPath(request.url);
    const full = rel === undefined ? undefined : join(rendererRoot, rel);
    const inside = full !== undefined && !relative(rendererRoot, full).startsWith('..') && !isAbsolute(relative(rendererRoot, full));
    if (!full || !inside || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(full).href).catch(() => undefined);
    if (!res || !res.ok) return new Response('Not found', { status: 404 });
    return new Response(res.body, {
      status: 200,
      headers: {
        'Content-Type': mimeTypeOf(full),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Opener-Policy': 'same-origin',
      },
    });
  });
}
