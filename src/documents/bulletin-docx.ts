/** A bulletin (通报) as .docx in the GB/T 9704-2012 layout. (Being written.) */
import type { BulletinContent } from './bulletin-content.js';

/** The bulletin rendered as .docx bytes; `draft` prints a 草稿 mark. */
export function renderBulletinDocx(content: BulletinContent, options: { draft?: boolean } = {}): Promise<Uint8Array> {
  void content;
  void options;
  return Promise.reject(new Error('not yet written'));
}
