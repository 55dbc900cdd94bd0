/**
 * The page's localStorage, or null where the browser blocks it (some privacy modes throw on the mere
 * access): callers then work without saving, rather than failing.
 */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
