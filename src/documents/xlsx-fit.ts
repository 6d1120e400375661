/**
 * How tall a wrapped cell prints. Spreadsheet programs fit a row to its
 * wrapped text only when they lay the sheet out themselves, and never to a
 * merged cell; LibreOffice prints a row written without a height on one line.
 * So the workbooks here set each row's height from its text: a CJK character
 * takes a full em, other characters half, each paragraph starts a new line.
 */

/** The width of a column of width 1 (the default font's digit, about 7 px) in points. */
const POINTS_PER_WIDTH = 5.25;
/** Cell padding left and right, in points. */
const PADDING = 4;

/** Half-width characters: ASCII and the half-width forms; everything else prints a full em wide. */
const isHalfWidth = (ch: string): boolean => {
  const c = ch.codePointAt(0) ?? 0;
  return c < 0x1100 || (c >= 0xff61 && c <= 0xffdc);
};

/** The lines a text takes in a column `width` wide (Excel's width units) at `fontSize` points. */
export function textLines(text: string, width: number, fontSize: number): number {
  const lineEms = Math.max(1, (width * POINTS_PER_WIDTH - PADDING) / fontSize);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let ems = 0;
    for (const ch of paragraph) ems += isHalfWidth(ch) ? 0.5 : 1;
    // A line breaks before the character that would pass the edge: a whole character less fits than the raw division says.
    lines += Math.max(1, Math.ceil(ems / Math.max(1, Math.floor(lineEms))));
  }
  return lines;
}

/** The most a spreadsheet row may be, in points. */
export const MAX_ROW_HEIGHT = 409;

/** The height, in points, that shows `lines` lines at `fontSize` points, with a little room above and below. */
export const linesHeight = (lines: number, fontSize: number): number => Math.min(MAX_ROW_HEIGHT, Math.ceil(lines * fontSize * 1.4 + 6));
