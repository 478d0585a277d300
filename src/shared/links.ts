/** Parses a URL, or undefined when it is not one. */
function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True for links the app may hand to the system after the analyst confirms: https: and mailto: only. */
export function isAllowedExternalUrl(url: string): boolean {
  const u = parseUrl(url);
  if (!u) return false;
  if (u.protocol === 'https:') return u.hostname !== '' && u.username === '' && u.password === '';
  if (u.protocol === 'mailto:') return u.pathname.length > 0;
  return false;
}
