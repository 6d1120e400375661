/**
 * A general decomposition notice with many numbered tasks (5,000 for the
 * ledger's size test and benchmark), in the form of the project's sample
 * notice (samples/notice.txt): sections, numbered tasks, each closing with its
 * lead leader and units, the host unit in bold. Every name is invented.
 */
import type { Actor } from '../../src/domain/actor.js';
import { commitImport } from '../../src/modules/plan/plan.service.js';
import type { Store } from '../../src/store/connection.js';

const SECTIONS = ['产业', '创新', '消费', '城市', '乡村', '生态', '民生', '安全', '改革', '政府'];
const LEADERS = ['闵晓川', '罗清禾', '江映雪', '顾怀瑾'];
const HOSTS = ['区工业和信息化局', '区商务局', '区科学技术局', '区住房和城乡建设局', '区农业农村局', '区生态环境分局', '区教育局', '区卫生健康局'];
const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..99 in Chinese numerals, as notices number their sections: 一, 十, 十一, 二十三. */
function chineseNumber(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return CN_DIGITS[ones] ?? String(n);
  return `${tens === 1 ? '' : (CN_DIGITS[tens] ?? '')}十${CN_DIGITS[ones] ?? ''}`;
}

/** Tasks per section at most: the importer reads task numbers of up to three digits, as notices have them. */
const SECTION_MAX = 900;

/** The text of task `n`: one quantified target, so that the ledger has something to show. */
export const taskText = (n: number): string => `推进第${n}号重点工作，年内新建项目${(n % 40) + 2}个，按季度调度并报送进展。`;

/** The notice's text, with `count` tasks numbered 1..count over ten sections. */
export function manyTaskNotice(count: number, year = 2026): string {
  const lines = [
    `临河政发〔${year}〕9号`,
    '',
    `## 青川市临河区人民政府 关于分解落实${year}年《政府工作报告》 重点任务目标的通知`,
    '',
    '各镇人民政府、街道办事处，区政府各部门：',
    '',
    '现将主要目标任务逐项分解到区政府领导同志和承办单位，请认真抓好落实。具体分工如下：',
    '',
  ];
  const perSection = Math.min(SECTION_MAX, Math.ceil(count / SECTIONS.length));
  for (let n = 1; n <= count; n++) {
    const section = Math.floor((n - 1) / perSection);
    if ((n - 1) % perSection === 0)
      lines.push(`## ${chineseNumber(section + 1)}、坚持${SECTIONS[section % SECTIONS.length] ?? '发展'}优先，推动高质量发展`, '');
    const leader = LEADERS[n % LEADERS.length] ?? '闵晓川';
    const host = HOSTS[n % HOSTS.length] ?? '区商务局';
    const co = HOSTS[(n + 3) % HOSTS.length] ?? '区发展和改革局';
    // The importer reads task numbers of up to three digits, as notices have them: each section numbers its own.
    lines.push(`${((n - 1) % perSection) + 1}.${taskText(n)}（牵头领导：${leader}。承办单位：**${host}**，${co}，各镇街）`, '');
  }
  lines.push('青川市临河区人民政府', '', `${year}年2月20日`, '');
  return lines.join('\n');
}

/** Commits a notice of `count` tasks through the plan importer; returns the new plan's id. */
export async function importManyTasks(store: Store, operator: Actor, count: number): Promise<number> {
  const bytes = new TextEncoder().encode(manyTaskNotice(count));
  const { planId } = await commitImport(store, operator, { fileName: `notice-${count}.txt`, bytes });
  return planId;
}
