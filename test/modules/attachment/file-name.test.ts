/** A client's file name is for display: cleaned before it is stored, and sent back in a header that survives Chinese. */
import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, MAX_FILE_NAME } from '../../../src/modules/attachment/file-name.js';

describe('cleanFileName', () => {
  it.each([
    ['keeps an ordinary Chinese name', '一季度进展佐证.pdf', '一季度进展佐证.pdf'],
    ['drops a Windows path', 'C:\\fakepath\\项目照片.png', '项目照片.png'],
    ['drops a Unix path and climbing', '../../etc/passwd', 'passwd'],
    ['removes control characters that could split a header', '报告\r\nSet-Cookie: x=1.pdf', '报告Set-Cookie: x=1.pdf'],
    ['removes bidirectional overrides that disguise the extension', '报告\u202efdp.exe', '报告fdp.exe'],
    ['falls back when nothing is left', '\u0000\u0001', '附件'],
    ['falls back for a bare directory', 'photos/', '附件'],
    ['strips leading dots', '...隐藏.txt', '隐藏.txt'],
  ])('%s', (_what, input, expected) => {
    expect(cleanFileName(input)).toBe(expected);
  });

  it('caps the length and keeps the extension', () => {
    const name = cleanFileName(`${'很长的文件名'.repeat(50)}.docx`);
    expect([...name]).toHaveLength(MAX_FILE_NAME);
    expect(name.endsWith('.docx')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name as RFC 5987 filename*', () => {
    const header = contentDisposition("进展(一季度)'终稿'.pdf");
    expect(header).toBe(
      `attachment; filename="__(___)'__'.pdf"; filename*=UTF-8''${encodeURIComponent('进展')}%28${encodeURIComponent('一季度')}%29%27${encodeURIComponent('终稿')}%27.pdf`,
    );
    const encoded = /filename\*=UTF-8''(.+)$/.exec(header)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe("进展(一季度)'终稿'.pdf");
  });

  it('never lets a quote or backslash out of the fallback', () => {
    expect(contentDisposition('a"b\\c.txt')).toMatch(/^attachment; filename="a_b_c\.txt"; /);
  });
});
