/**
 * The measures and fonts of GB/T 9704-2012 (党政机关公文格式) that the
 * bulletin writer uses, in the units Word wants (twips: 1/20 pt, 1 mm =
 * 56.7 twips; half-points for font sizes).
 *
 * Fonts. The standard names 方正小标宋简体 (title), 仿宋_GB2312 (body),
 * 黑体 (first-level headings), 楷体_GB2312 (second level) and 宋体 (page
 * numbers). Offices that have them get exactly those. Elsewhere the font
 * table written by `fontTableXml` tells the reader what to substitute:
 *
 *   written name    w:altName   panose / charset / family      LibreOffice (libreOfficeFontReplacements)
 *   方正小标宋简体    宋体        serif  / GB2312 / roman         Noto Serif CJK SC
 *   仿宋_GB2312      仿宋        fixed  / GB2312 / modern        Noto Serif CJK SC
 *   楷体_GB2312      楷体        fixed  / GB2312 / modern        Noto Serif CJK SC
 *   黑体             SimHei      sans   / GB2312 / swiss         Noto Sans CJK SC
 *   宋体             SimSun      serif  / GB2312 / roman         Noto Serif CJK SC
 *
 * Word (Windows 10 and later ship 仿宋/楷体/黑体/宋体 but not the _GB2312
 * names) takes the altName. LibreOffice ignores altName and the family: it
 * asks fontconfig for the name and, when nothing answers, falls back glyph by
 * glyph to whatever CJK font it finds first (Noto Sans CJK here), so every
 * character prints but all in one sans face. A profile given the replacement
 * table of `libreOfficeFontReplacements` prints the serif faces in Noto Serif
 * CJK SC and 黑体 in Noto Sans CJK SC, the right column above. Latin letters
 * and digits use Times New Roman (Liberation Serif on Linux).
 */

/** Twips per millimetre. */
const MM = 56.7;
const mm = (v: number): number => Math.round(v * MM);

export const PAGE = {
  /** A4, 210 × 297 mm. */
  width: 11906,
  height: 16838,
  /** 37 mm top, 35 mm bottom, 28 mm left (订口), 26 mm right: 156 × 225 mm of text. */
  margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
  /** The footer's distance from the page edge: the page number sits about 7 mm below the text. */
  footer: mm(23),
  header: mm(15),
} as const;

/** The text width (版心宽度 156 mm) in twips. */
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

/** The text height (版心高度 225 mm) in twips. */
export const TEXT_HEIGHT = PAGE.height - PAGE.margin.top - PAGE.margin.bottom;

/** 22 lines to the page: 三号 text on an exact 28.95 pt line. */
export const LINE = 579;

/** Font sizes in half-points. */
export const SIZE = { 初号: 84, 小初: 72, 一号: 52, 二号: 44, 三号: 32, 四号: 28, 小四: 24, 五号: 21 } as const;

/** One character of 三号 text (16 pt), the unit of indents (首行缩进二字). */
export const CHAR = 320;

export const RED = 'FF0000';

export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

interface FontEntry {
  name: string;
  altName?: string;
  panose: string;
  charset: string;
  family: 'roman' | 'swiss' | 'modern' | 'script' | 'auto';
  pitch: 'fixed' | 'variable';
  /** What LibreOffice should print with where the font is missing (see `libreOfficeFontReplacements`). */
  free?: string;
}

const FONTS: readonly FontEntry[] = [
  { name: FONT.title, altName: '宋体', panose: '02010600030101010101', charset: '86', family: 'roman', pitch: 'variable', free: 'Noto Serif CJK SC' },
  { name: FONT.body, altName: '仿宋', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed', free: 'Noto Serif CJK SC' },
  { name: FONT.heading2, altName: '楷体', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed', free: 'Noto Serif CJK SC' },
  { name: FONT.heading1, altName: 'SimHei', panose: '02010609060101010101', charset: '86', family: 'swiss', pitch: 'fixed', free: 'Noto Sans CJK SC' },
  { name: FONT.pageNumber, altName: 'SimSun', panose: '02010600030101010101', charset: '86', family: 'roman', pitch: 'variable', free: 'Noto Serif CJK SC' },
  { name: FONT.latin, panose: '02020603050405020304', charset: '00', family: 'roman', pitch: 'variable' },
];

/** word/fontTable.xml declaring every font the bulletin uses, with its substitutes (see the table above). */
export function fontTableXml(): string {
  const fonts = FONTS.map(
    (f) =>
      `<w:font w:name="${f.name}">` +
      (f.altName === undefined ? '' : `<w:altName w:val="${f.altName}"/>`) +
      `<w:panose1 w:val="${f.panose}"/><w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    fonts +
    '</w:fonts>'
  );
}

/**
 * A LibreOffice user profile's registrymodifications.xcu whose font
 * replacement table (Tools ▸ Options ▸ Fonts) always prints the bulletin's
 * fonts, where missing, in the free CJK faces of the table above. Written
 * into the profile of a headless conversion before it starts, it makes the
 * PDF's body serif (仿宋 → Noto Serif CJK SC) instead of all sans.
 */
export function libreOfficeFontReplacements(installed: ReadonlySet<string> = new Set()): string {
  // "Always": LibreOffice otherwise takes fontconfig's nearest match as present; a font really installed is left alone.
  const pairs = FONTS.filter((f) => f.free !== undefined && !installed.has(f.name)).map(
    (f, i) =>
      `<node oor:name="_${i}" oor:op="replace">` +
      '<prop oor:name="Always" oor:type="xs:boolean"><value>true</value></prop>' +
      '<prop oor:name="OnScreenOnly" oor:type="xs:boolean"><value>false</value></prop>' +
      `<prop oor:name="ReplaceFont" oor:type="xs:string"><value>${f.name}</value></prop>` +
      `<prop oor:name="SubstituteFont" oor:type="xs:string"><value>${f.free ?? ''}</value></prop>` +
      '</node>',
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
    '<item oor:path="/org.openoffice.Office.Common/Font/Substitution"><prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>\n' +
    `<item oor:path="/org.openoffice.Office.Common/Font/Substitution"><node oor:name="FontPairs" oor:op="fuse">${pairs.join('')}</node></item>\n` +
    '</oor:items>\n'
  );
}
