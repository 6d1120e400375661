/**
 * A client's file name is shown to people and put in a download header, so
 * it is cleaned before it is stored: no directories (C:\fakepath\…, ../),
 * no control characters (which could split a header), no bidirectional
 * overrides (which make 报告‮fdp.exe look like 报告exe.pdf), and a bounded
 * length that keeps the extension. Pure.
 */

/** Longest name kept, in characters. */
export const MAX_FILE_NAME = 120;

const FALLBACK = '附件';
// C0 and C1 controls, DEL, and the bidirectional embedding/override/isolate marks.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(UNSAFE, '').trim().replace(/^\.+/, '').trim();
  if (cleaned === '') return FALLBACK;
  const chars = [...cleaned];
  if (chars.length <= MAX_FILE_NAME) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (ext.length > 0 && ext.length <= 10) return chars.slice(0, MAX_FILE_NAME - ext.length).join('') + ext.join('');
  return chars.slice(0, MAX_FILE_NAME).join('');
}

/**
 * Content-Disposition for a download: an ASCII fallback for old clients and
 * the real (Chinese) name as RFC 5987 `filename*=UTF-8''…`.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
