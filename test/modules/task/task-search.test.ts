/**
 * Keyword search in the ledger (GET /api/tasks?q=…) on both databases: every
 * word required, found in a task's key, text, section, units (a unit's short
 * form too), leaders and targets, whatever the case and width; combined with
 * the other filters; a fixed number of queries.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { searchText, searchWords } from '../../../src/modules/task/task-search.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, signInAs, useApiFixture, UNIT_A, type Session } from '../../server/api-fixture.js';

interface Listed {
  items: { key: string; text: string; leaders: string[]; hostUnits: string[]; coUnits: string[]; targets: { text: string; metric: string }[] }[];
  total: number;
}

describe('search words', () => {
  it('splits on any space, drops repeats, folds width and case', () => {
    expect(searchWords(' ＰＭ２.５\u3000下降  下降 ')).toEqual(['pm2.5', '下降']);
    expect(searchWords('')).toEqual([]);
    expect(searchWords(undefined)).toEqual([]);
    expect(searchText('ＡＢＣ１２３')).toBe('abc123');
  });
});

describeEachDatabase('ledger search', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let observer: Session;
  let all: Listed['items'];
  beforeAll(async () => {
    observer = await signInAs(fx().app, 'observer');
    all = (await call(fx().app, observer, 'GET', '/api/tasks')).json<Listed>().items;
  });

  const search = async (q: string, more = ''): Promise<Listed> => {
    const res = await call(fx().app, observer, 'GET', `/api/tasks?q=${encodeURIComponent(q)}${more}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const body = res.json<Listed>();
    expect(body.total).toBe(body.items.length);
    return body;
  };

  it('finds the tasks whose text holds every word, in notice order', async () => {
    const expected = all.filter((t) => t.text.includes('6月底前') && t.text.includes('建成启用')).map((t) => t.key);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.filter((t) => t.text.includes('6月底前')).length);
    expect((await search('6月底前 建成启用')).items.map((t) => t.key)).toEqual(expected);
  });

  it('folds full-width digits and letters and case: ＰＭ２．５ finds PM2.5', async () => {
    const expected = all.filter((t) => t.text.includes('PM2.5')).map((t) => t.key);
    expect(expected).toHaveLength(1);
    expect((await search('ｐｍ２．５')).items.map((t) => t.key)).toEqual(expected);
    expect((await search('６月底前')).total).toBe(all.filter((t) => t.text.includes('6月底前')).length);
  });

  it('finds by leader, by unit (a short form too), by unit group, by key and by target metric', async () => {
    const byLeader = all.filter((t) => t.leaders.includes('邵知行')).map((t) => t.key);
    expect(byLeader.length).toBeGreaterThan(0);
    expect((await search('邵知行')).items.map((t) => t.key)).toEqual(byLeader);

    // The unit's tasks, named or through a group it belongs to (as the unit filter has them), and those whose text names it.
    const filtered = (await call(fx().app, observer, 'GET', `/api/tasks?unit=${encodeURIComponent(UNIT_A)}`)).json<Listed>().items.map((t) => t.key);
    const ofUnitA = all.filter((t) => filtered.includes(t.key) || t.text.includes(UNIT_A)).map((t) => t.key);
    expect(filtered.length).toBeGreaterThan(0);
    expect((await search(UNIT_A)).items.map((t) => t.key)).toEqual(ofUnitA);
    // 区工信局 is the directory's short form of 区工业和信息化局.
    const short = (await search('区工信局')).items.map((t) => t.key);
    expect(short).toEqual(all.filter((t) => ofUnitA.includes(t.key) || t.text.includes('区工信局')).map((t) => t.key));

    const group = all.filter((t) => [...t.hostUnits, ...t.coUnits].includes('各镇街')).map((t) => t.key);
    expect(group.length).toBeGreaterThan(0);
    const found = (await search('各镇街')).items.map((t) => t.key);
    for (const key of group) expect(found).toContain(key);

    const first = all[0];
    if (!first) throw new Error('no tasks');
    expect((await search(first.key)).items.map((t) => t.key)).toContain(first.key);

    const metric = all.flatMap((t) => t.targets.map((g) => g.metric)).find((m) => m.length >= 3 && !all.some((t) => t.text.includes(m)));
    if (metric !== undefined) {
      expect((await search(metric)).items.map((t) => t.key)).toEqual(all.filter((t) => t.targets.some((g) => g.metric.includes(metric))).map((t) => t.key));
    }
  });

  it('combines with the other filters, and answers none for a word nowhere', async () => {
    const both = (await search('各镇街', `&leader=${encodeURIComponent('罗清禾')}`)).items.map((t) => t.key);
    const byWord = (await search('各镇街')).items.map((t) => t.key);
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(byWord.length);
    expect(both).toEqual(all.filter((t) => byWord.includes(t.key) && t.leaders.includes('罗清禾')).map((t) => t.key));
    expect((await search('各镇街 绝无此词')).items).toEqual([]);
  });

  it('refuses a control character or an overlong query in Chinese', async () => {
    const res = await call(fx().app, observer, 'GET', `/api/tasks?q=${encodeURIComponent('a\u0007b')}`);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await call(fx().app, observer, 'GET', `/api/tasks?q=${'字'.repeat(201)}`)).statusCode).toBe(400);
  });
});
