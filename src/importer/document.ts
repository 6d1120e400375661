/**
 * The importer's internal model of a prose notice: paragraphs made of runs,
 * each run knowing whether it was bold. The text (txt/md) and docx front ends
 * produce it; the spreadsheet front end produces rows instead (see table.ts).
 */

export interface Run {
  text: string;
  bold: boolean;
}

export interface SourceLine {
  /** 1-based line number in the source (paragraph index for docx). */
  line: number;
  runs: Run[];
  /** The source marked it as a heading (Markdown #, a docx heading style). */
  heading: boolean;
}

export interface NoticeDocument {
  lines: SourceLine[];
  /** Whether bold is a signal in this source at all (false for plain text without markers). */
  hasBold: boolean;
}

export const lineText = (l: SourceLine): string => l.runs.map((r) => r.text).join('');
