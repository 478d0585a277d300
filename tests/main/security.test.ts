import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  appRequestPath,
  isAllowedExternalUrl,
  isTrustedSenderUrl,
  secureWebPreferences,
} from '../../src/main/security';

describe('window webPreferences', () => {
  it('isolate and sandbox the renderer with no Node and web security on', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );

  it('denies by default and allows scripts only from the app itself, never eval', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toContain("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'/);
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('loads fonts from the app itself only (the bundled Inter), not from data: or remote URLs', () => {
    expect(directives.get('font-src')).toEqual(["'self'"]);
  });

  it('names no remote origin in any directive', () => {
    for (const [name, values] of directives) {
      for (const v of values) {
        expect(v, `${name} ${v}`).toMatch(/^('[a-z-]+'|data:|blob:)$/);
      }
    }
  });
});

describe('trusted IPC senders', () => {
  it('accepts the app protocol and the dev server only', () => {
    expect(isTrustedSenderUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isTrustedSenderUrl('https://evil.example/index.html')).toBe(false);
    expect(isTrustedSenderUrl('file:///app/out/renderer/index.html')).toBe(false);
    expect(isTrustedSenderUrl('app://other/index.html')).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('external links', () => {
  it('allows only https: and mailto:', () => {
    expect(isAllowedExternalUrl('https://www.state.gov/trafficking-in-persons-report/')).toBe(true);
    expect(isAllowedExternalUrl('mailto:analyst@example.org')).toBe(true);
    for (const bad of ['http://example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'smb://host/share', 'not a url', 'https://user:pw@example.com/']) {
      expect(isAllowedExternalUrl(bad), bad).toBe(false);
    }
  });
});

describe('app:// request paths', () => {
  it('maps the app origin to files inside the renderer build', () => {
    expect(appRequestPath('app://rwb/')).toBe('index.html');
    expect(appRequestPath('app://rwb/assets/index.js?v=1')).toBe('assets/index.js');
    expect(appRequestPath('app://rwb/pdfjs/cmaps/Adobe-Japan1-UCS2.bcmap')).toBe('pdfjs/cmaps/Adobe-Japan1-UCS2.bcmap');
  });

  it('refuses traversal, encoded separators and other hosts', () => {
    // The URL parser resolves dot segments first, so this stays inside the build folder.
    expect(appRequestPath('app://rwb/%2e%2e/%2e%2e/etc/passwd')).toBe('etc/passwd');
    expect(appRequestPath('app://rwb/assets/..%2f..%2fmain/index.js')).toBeUndefined();
    expect(appRequestPath('app://rwb/a%5c..%5c..%5csecret')).toBeUndefined();
    expect(appRequestPath('app://rwb/a%00.js')).toBeUndefined();
    expect(appRequestPath('app://other/index.html')).toBeUndefined();
    expect(appRequestPath('https://rwb/index.html')).toBeUndefined();
  });
});
