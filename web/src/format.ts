/**
 * Dates and times as the screens show them, in the user's time zone, written
 * out here rather than by Intl: the first Intl formatter a page makes loads
 * its locale's data, ~50 ms on the dashboard's way to its first figures.
 * The output is what Intl writes for zh-CN and en-GB. Free of the app's
 * modules, so that the tests can hold it against Intl.
 */
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * An ISO time in the user's language, or — for none. `short`: 11/28 09:30
 * (28/11, 09:30); `full`: 2026/11/28 09:30:05 (28/11/2026, 09:30:05).
 */
export function formatTime(iso: string | null | undefined, locale: 'zh' | 'en', style: 'short' | 'full' = 'full'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const time = style === 'short' ? `${pad(d.getHours())}:${pad(d.getMinutes())}` : `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (locale === 'zh') {
    const date = style === 'short' ? `${pad(d.getMonth() + 1)}/${pad(d.getDate())}` : `${d.getFullYear()}/${d.getMonth() + 1}/${d.getDate()}`;
    return `${date} ${time}`;
  }
  const date = style === 'short' ? `${pad(d.getDate())}/${pad(d.getMonth() + 1)}` : `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
  return `${date}, ${time}`;
}
