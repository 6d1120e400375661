/**
 * Properties of the owners reader over notices made of the genre's pieces:
 * whatever the arrangement, the importer answers with a plan (never a raw
 * error), task numbers are unique, no unit is both host and co-unit, and a
 * notice written with half-width punctuation reads as the same notice in
 * full width.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importNotice } from '../../src/importer/index.js';
import { repoRoot } from '../helpers/paths.js';

const units = ['区发改局', '区财政局', '区商务局（口岸办）', '各街道办事处', '区住建局', '税务局', '区委宣传部', '溪口工业园区管委会'];
const leaders = ['林某某', '分管副区长', '王某副区长', '常务副区长陈某'];
const unitList = fc.array(fc.constantFrom(...units), { minLength: 1, maxLength: 4 }).map((xs) => [...new Set(xs)].join('、'));
const annotation = fc.oneof(
  fc.tuple(fc.constantFrom(...leaders), unitList, unitList).map(([l, h, c]) => `（牵头领导：${l}；牵头单位：${h}；配合单位：${c}）`),
  fc.tuple(unitList, unitList).map(([h, c]) => `（${h}牵头，${c}配合）`),
  fc.tuple(unitList, unitList).map(([h, c]) => `（${h}主办，${c}协办）`),
  unitList.map((u) => `（${u}负责）`),
  unitList.map((u) => `（${u}分别负责）`),
  unitList.map((u) => `\n（${u}）`),
  fc.tuple(unitList, unitList).map(([h, c]) => `\n牵头单位：${h}\n配合单位：${c}`),
  unitList.map((u) => `[牵头单位:${u};责任单位:各街道办事处]`),
  fc.constant(''),
);
const sentence = fc.constantFrom('新建公园3个。', '完成投资5亿元，年内建成。', '推进老旧小区改造，惠及居民1200户。', '优化营商环境', '（一）加快建设。');
const marker = fc.constantFrom('1.', '2.', '（一）', '（二）', '一、', '二、', '3、', '');
const notice = fc
  .array(fc.tuple(marker, fc.array(sentence, { minLength: 1, maxLength: 3 }), annotation), { minLength: 1, maxLength: 8 })
  .map((items) => ['某区人民政府关于分解重点任务的通知', '各街道办事处：', ...items.map(([m, s, a]) => `${m}${s.join('')}${a}`)].join('\n'));

const halfWidth = (text: string): string => text.replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':').replace(/；/g, ';').replace(/，/g, ',');

describe('the owners reader on any arrangement of the genre’s pieces', () => {
  it('answers with a plan whose numbers are unique and whose hosts are never co-units', async () => {
    await fc.assert(
      fc.asyncProperty(notice, async (text) => {
        const plan = await importNotice(new TextEncoder().encode(text));
        const numbers = plan.tasks.map((t) => t.number);
        expect(new Set(numbers).size).toBe(numbers.length);
        for (const t of plan.tasks) {
          for (const h of t.hostUnits) expect(t.coUnits).not.toContain(h);
          for (const u of [...t.hostUnits, ...t.coUnits, ...t.leaders]) expect(u.trim()).not.toBe('');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reads a notice in half-width punctuation as the same notice in full width', async () => {
    await fc.assert(
      fc.asyncProperty(notice, async (text) => {
        const owners = async (t: string) =>
          (await importNotice(new TextEncoder().encode(t))).tasks.map(({ number, hostUnits, coUnits, leaders }) => ({ number, hostUnits, coUnits, leaders }));
        expect(await owners(halfWidth(text))).toEqual(await owners(text));
      }),
      { numRuns: 100 },
    );
  });

  it('reads every convention fixture the same in half-width punctuation', async () => {
    const dir = `${repoRoot}test/fixtures/conventions/`;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      const text = readFileSync(`${dir}${name}`, 'utf8');
      const owners = async (t: string) =>
        (await importNotice(new TextEncoder().encode(t))).tasks.map(({ hostUnits, coUnits, leaders }) => ({ hostUnits, coUnits, leaders }));
      expect(await owners(halfWidth(text)), name).toEqual(await owners(text));
    }
  });
});
