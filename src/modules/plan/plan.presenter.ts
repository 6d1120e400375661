/** How an import reads to a person: one line for the CLI and for the API's message. */
import type { ImportResult } from './plan-importer.js';

export function describeImport(result: ImportResult): string {
  if (!result.created) return '内容与已导入的版本相同，未做任何更改';
  const { added, changed, removed } = result.diff.tasks;
  const version = result.version > 1 ? `（第 ${result.version} 版）` : '';
  return `已导入：${result.title}${version}，${result.tasks} 项任务（新增 ${added.length}，修改 ${changed.length}，删除 ${removed.length}）`;
}
