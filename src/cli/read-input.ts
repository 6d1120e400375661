/** Reads a file the user named, refusing what is not a readable regular file of sane size. */
import { open } from 'node:fs/promises';
import { MAX_INPUT_BYTES } from '../importer/index.js';
import { CliError } from './output.js';

export async function readInputFile(path: string, what = '文件'): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new CliError(describeFsError(err, path, what));
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new CliError(`${path} 是一个目录，不是${what}`);
    if (!stat.isFile()) throw new CliError(`${path} 不是普通文件`);
    if (stat.size > MAX_INPUT_BYTES) {
      throw new CliError(`${what}过大（${(stat.size / 1048576).toFixed(1)} MB），最大支持 20 MB：${path}`);
    }
    if (stat.size === 0) throw new CliError(`${what}是空的：${path}`);
    return new Uint8Array(await handle.readFile());
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(describeFsError(err, path, what));
  } finally {
    await handle.close();
  }
}

function describeFsError(err: unknown, path: string, what: string): string {
  const code = (err as { code?: string }).code ?? '';
  const known: Record<string, string> = {
    ENOENT: `找不到${what}：${path}`,
    EACCES: `没有权限读取${what}：${path}`,
    EPERM: `没有权限读取${what}：${path}`,
    EISDIR: `${path} 是一个目录，不是${what}`,
  };
  return known[code] ?? `无法读取${what}：${path}（${code || (err instanceof Error ? err.message : String(err))}）`;
}
