/**
 * Notices copied from a government site's 繁體 version, or from a mirror that
 * converted them, come in traditional characters, sometimes with the pinyin of
 * a character in brackets after it (關(guān)于). The importer reads simplified
 * Chinese: such a document is turned into simplified text first (OpenCC's
 * traditional-to-mainland tables, loaded only for such a document), and the
 * pinyin is dropped.
 */
import type { NoticeDocument } from './document.js';

/** Characters common in notices that exist only in traditional script, as a table over the CJK block. */
const TRADITIONAL = new Uint8Array(0x9fff - 0x4e00 + 1);
for (const ch of '們國會於與為說發經這個來對時業區縣門關單頭責負協辦領導廳務號報點現進設計劃財稅審衛鄉鎮條專機構開長層質環資農廠統實將屬廣從據擴東決濟產級給臨萬藥規請議貿購車醫銷際項體動啟舊緊應當總畫標準確認處理網絡綜營養護費職權證書術語論壇選舉歷傳統運輸電視訊鐵線組織維強調優勢') {
  TRADITIONAL[ch.charCodeAt(0) - 0x4e00] = 1;
}

/** A tone-marked pinyin syllable in brackets right after a character: (guān), （qū）. */
const PINYIN = /(?<=[\u4e00-\u9fff])[（(][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[）)]/g;

/** Share of Han characters that are traditional-only above which a document is read as traditional. */
const THRESHOLD = 0.02;

type Convert = (text: string) => string;
interface OpenCCModule {
  Converter(options: { from: 'tw' | 'hk' | 't'; to: 'cn' }): Convert;
}
let converter: Promise<Convert> | null = null;

async function toSimplified(): Promise<Convert> {
  // The package's own types do not resolve under NodeNext; its one function is typed here.
  converter ??= import('opencc-js/t2cn').then((OpenCC) => (OpenCC as unknown as OpenCCModule).Converter({ from: 'tw', to: 'cn' }));
  return converter;
}

/** The document in simplified characters without pinyin annotations; the same object when it needs neither. */
export async function inSimplified(doc: NoticeDocument): Promise<NoticeDocument> {
  // The first few thousand characters tell the script of the whole: one pass counts Han characters,
  // traditional ones and tone-marked Latin vowels (pinyin).
  let seen = 0;
  let han = 0;
  let traditional = 0;
  let toned = false;
  outer: for (const l of doc.lines) {
    for (const r of l.runs) {
      const text = r.text;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x4e00 && c <= 0x9fff) {
          han++;
          traditional += TRADITIONAL[c - 0x4e00] ?? 0;
        } else if (c >= 0xe0 && c <= 0x1dc) {
          toned = true;
        }
      }
      seen += text.length;
      if (seen > 6000) break outer;
    }
  }
  const isTraditional = traditional >= 5 && traditional > han * THRESHOLD;
  if (!isTraditional && !toned) return doc;
  const convert = isTraditional ? await toSimplified() : (t: string): string => t;
  return {
    ...doc,
    lines: doc.lines.map((l) => ({ ...l, runs: l.runs.map((r) => ({ ...r, text: convert(r.text.replace(PINYIN, '')) })) })),
  };
}
