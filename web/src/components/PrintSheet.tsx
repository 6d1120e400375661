/**
 * A print view's frame: a toolbar (back, the paper switch, 打印 calling
 * window.print()) that does not print, the page size set by CSS @page (A4
 * portrait or A3 landscape, from the address's `paper`), and print rules that
 * every print view shares: text wrapped, table headers repeated on each page,
 * no row cut across pages (but a row marked print-long, which may be taller
 * than a page, is: else it would leave a page blank before it).
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Segmented, Space } from 'antd';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../i18n';

export type Paper = 'a4' | 'a3';

/** The paper of the address (`paper=a3`), A4 portrait unless told. */
export function usePaper(): [Paper, (paper: Paper) => void] {
  const [params, setParams] = useSearchParams();
  const paper: Paper = params.get('paper') === 'a3' ? 'a3' : 'a4';
  const setPaper = (next: Paper): void =>
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        p.set('paper', next);
        return p;
      },
      { replace: true },
    );
  return [paper, setPaper];
}

const PAGE: Record<Paper, string> = { a4: 'A4 portrait', a3: 'A3 landscape' };
/** The printable width of each paper at 96 px an inch (page less 12 mm margins), so the screen shows the page as it prints. */
const WIDTH: Record<Paper, string> = { a4: '186mm', a3: '396mm' };

const printRules = (paper: Paper): string => `
@page { size: ${PAGE[paper]}; margin: 12mm; }
.print-sheet { box-sizing: border-box; width: ${WIDTH[paper]}; max-width: 100%; margin: 0 auto; padding: 16px; background: #fff; color: #000;
  font-family: 'SimSun', 'Songti SC', 'Noto Serif CJK SC', serif; font-size: ${paper === 'a3' ? 11 : 10.5}pt; line-height: 1.5; }
.print-sheet h1 { font-size: 16pt; text-align: center; margin: 0 0 4px; }
.print-sheet .print-sub { text-align: center; margin: 0 0 12px; }
.print-sheet table.print-table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.print-sheet table.print-table th, .print-sheet table.print-table td { border: 1px solid #555; padding: 3px 4px; vertical-align: top;
  overflow-wrap: anywhere; white-space: pre-wrap; text-align: left; }
.print-sheet table.print-table td.print-key { white-space: nowrap; overflow-wrap: normal; }
.print-sheet table.print-table th { background: #eef1f7; text-align: center; }
.print-sheet thead { display: table-header-group; }
.print-sheet tr { break-inside: avoid; page-break-inside: avoid; }
.print-sheet tr.print-long { break-inside: auto; page-break-inside: auto; }
.print-sheet ul { margin: 0; padding-left: 1.2em; }
@media print {
  html, body, #root { height: auto !important; background: #fff !important; }
  .print-toolbar { display: none !important; }
  .print-sheet { width: auto; padding: 0; }
}
`;

export function PrintSheet({ back, backLabel, children }: { back: string; backLabel: string; children: ReactNode }) {
  const t = useT();
  const [paper, setPaper] = usePaper();
  return (
    <div style={{ padding: '8px 0 24px' }}>
      <style>{printRules(paper)}</style>
      <Space className="print-toolbar" wrap style={{ display: 'flex', justifyContent: 'center', marginBottom: 12 }}>
        <Link to={back}>{backLabel}</Link>
        <Segmented<Paper>
          aria-label={t('print.paper')}
          data-testid="print-paper"
          value={paper}
          onChange={setPaper}
          options={[
            { value: 'a4', label: t('print.paper.a4') },
            { value: 'a3', label: t('print.paper.a3') },
          ]}
        />
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">
          {t('print.print')}
        </Button>
      </Space>
      <div className="print-sheet" data-paper={paper}>
        {children}
      </div>
    </div>
  );
}
