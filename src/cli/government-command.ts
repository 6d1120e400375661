/**
 * `luoshi government add --name NAME [--parent NAME] [--db URL]` and `luoshi government list [--json] [--db URL]`:
 * the governments of one deployment, a tree (province → city → county → town; ADR 0031). Also the `--government NAME`
 * flag the commands that work on one government share, and how they find it (resolveGovernment: the one named,
 * else the only one).
 */
import { Option, type Command } from 'commander';
import type { Config } from '../config.js';
import { systemActor } from '../domain/actor.js';
import { AppError } from '../modules/errors.js';
import type { GovernmentNode } from '../modules/government/government.repository.js';
import type { OpenedDatabase } from '../startup/open.js';
import type { Tx } from '../store/tx.js';
import { commandConfig } from './command-config.js';
import { requireExistingDatabase } from './db-exists.js';
import { dbOption, dbUrl } from './db-option.js';
import { CliError } from './output.js';

/** The flag every command working on one government shares. */
export const governmentOption = (): Option => new Option('--government <名称>', '在哪个政府的台账上操作（luoshi government list 列出）；只有一个政府时可省略');

/** A service's refusal (bad input) as the command's one line with exit code 2. */
function asCliError(err: unknown): unknown {
  return err instanceof AppError && err.status < 500 ? new CliError(err.message) : err;
}

/** The government a command works on: the one named, else the only one; several and none named is exit 2, listing them. */
export async function commandGovernment(db: Tx, name: string | undefined): Promise<GovernmentNode> {
  const { resolveGovernment } = await import('../modules/government/government-tree.service.js');
  try {
    return await resolveGovernment(db, name);
  } catch (err) {
    throw asCliError(err);
  }
}

export interface GovernmentDatabase extends OpenedDatabase {
  government: GovernmentNode;
}

/**
 * Opens the database as openDatabase does (a fresh one gets its first government and administrator, as always)
 * and finds the government the command works on; `governmentId` is that government's. Closed again when it
 * cannot be found.
 */
export async function openGovernmentDatabase(url: string, config: Config, name: string | undefined): Promise<GovernmentDatabase> {
  const { openDatabase } = await import('../startup/open.js');
  const opened = await openDatabase(url, config);
  try {
    const government = await commandGovernment(opened.store.db, name);
    return { ...opened, governmentId: government.id, government };
  } catch (err) {
    await opened.store.close();
    throw err;
  }
}

/** A government's name as printed; the unnamed government of a new install has none yet. */
export const governmentLabel = (g: { name: string }): string => (g.name === '' ? '（未命名）' : g.name);

interface AddFlags {
  name?: string;
  parent?: string;
  db?: string;
}

interface ListFlags {
  json?: boolean;
  db?: string;
}

export function registerGovernment(program: Command): void {
  const government = program.command('government').description('管理本系统中的政府（省、市、县、乡镇逐级组成一棵树，各有自己的单位、用户、方案和审计日志）');
  government
    .command('add')
    .description('添加一个政府；新装系统中尚未命名的政府取第一个名称')
    .option('--name <名称>', '政府名称，如 某某县人民政府（在本系统中唯一）')
    .option('--parent <名称>', '上级政府的名称；省略则为最上级')
    .addOption(dbOption())
    .action(async (flags: AddFlags) => {
      const config = commandConfig();
      if (flags.name === undefined) throw new CliError('缺少参数 --name');
      const [{ openDatabase }, { addGovernment }, { listGovernments }] = await Promise.all([
        import('../startup/open.js'),
        import('../modules/government/government-tree.service.js'),
        import('../modules/government/government.repository.js'),
      ]);
      const { store, governmentId } = await openDatabase(dbUrl(flags, config), config);
      try {
        const added = await addGovernment(store.db, systemActor(governmentId, 'cli'), {
          name: flags.name,
          parentName: flags.parent,
        }).catch((err: unknown) => {
          throw asCliError(err);
        });
        const parent = added.parentId === null ? undefined : (await listGovernments(store.db)).find((g) => g.id === added.parentId);
        process.stdout.write(`已添加政府 ${added.name}（${parent ? `上级：${governmentLabel(parent)}` : '最上级'}），编号 ${added.id}\n`);
      } finally {
        await store.close();
      }
    });
  government
    .command('list')
    .description('列出本系统中的政府（按上下级缩进），及各自的用户数和方案数')
    .option('--json', '以 JSON 输出：{ "items": [{ "id", "name", "parentId" }] }')
    .addOption(dbOption())
    .action(async (flags: ListFlags) => {
      const config = commandConfig();
      const url = dbUrl(flags, config);
      requireExistingDatabase(url);
      const [{ openDatabase }, { listGovernments }, { listPlans }, { listUsers }] = await Promise.all([
        import('../startup/open.js'),
        import('../modules/government/government.repository.js'),
        import('../modules/plan/plan.repository.js'),
        import('../modules/user/user.repository.js'),
      ]);
      const { store } = await openDatabase(url, config);
      try {
        const all = await listGovernments(store.db);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ items: all.map((g) => ({ id: g.id, name: g.name, parentId: g.parentId })) }, null, 2)}\n`);
          return;
        }
        const lines: string[] = [];
        for (const { government: g, depth } of treeOrder(all)) {
          const users = (await listUsers(store.db, g.id)).length;
          const plans = (await listPlans(store.db, g.id)).length;
          lines.push(`${'  '.repeat(depth)}${governmentLabel(g)}（编号 ${g.id}，用户 ${users} 个，方案 ${plans} 个）`);
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await store.close();
      }
    });
}

/** Each government after its parent, children in the order they were added; one whose parent is missing starts a tree of its own. */
export function treeOrder(all: readonly GovernmentNode[]): { government: GovernmentNode; depth: number }[] {
  const ids = new Set(all.map((g) => g.id));
  const children = new Map<number | null, GovernmentNode[]>();
  for (const g of all) {
    const parent = g.parentId !== null && ids.has(g.parentId) ? g.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), g]);
  }
  const out: { government: GovernmentNode; depth: number }[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number): void => {
    for (const g of children.get(parent) ?? []) {
      if (seen.has(g.id)) continue;
      seen.add(g.id);
      out.push({ government: g, depth });
      walk(g.id, depth + 1);
    }
  };
  walk(null, 0);
  // A cycle (never written) would leave governments unreached: listed at the top rather than hidden.
  for (const g of all) if (!seen.has(g.id)) out.push({ government: g, depth: 0 });
  return out;
}
