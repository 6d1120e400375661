/** A prose notice (text, Markdown, Word) to a plan. */
import type { Plan, Task, Warning } from '../domain/plan.js';
import { finishPlan, finishTask, type Context } from './assemble.js';
import { toBlocks } from './blocks.js';
import type { NoticeDocument } from './document.js';
import { readHeadlineTargets, readMeta } from './meta.js';
import { readOutline, type TaskBlock } from './outline.js';
import { detectConventions, findAnnotation, readDeadlineField, readLeaderLine, readResponsibility, type Conventions } from './responsibility.js';
import type { UnitResolver } from './units.js';

export function planFromDocument(doc: NoticeDocument, resolver: UnitResolver): Plan {
  const blocks = toBlocks(doc);
  const outline = readOutline(blocks);
  const warnings: Warning[] = [...outline.warnings];
  const fullText = blocks.map((b) => b.text).join('\n');
  const annotations = outline.tasks.map((t) => {
    const span = findAnnotation(t.body.text);
    return span ? t.body.text.slice(span.contentStart, span.contentEnd) : '';
  });
  const conventions = detectConventions(fullText, annotations);
  const head = outline.preamble.map((b) => b.text);
  const meta = readMeta(
    head,
    outline.trailer.map((b) => b.text),
  );
  const ctx: Context = { resolver, year: meta.year, warnings };
  const sectionLeaders = new Map(outline.sections.map((s) => [s.number, s.paragraphs.flatMap(readLeaderLine)]));
  const tasks = outline.tasks.map((t) => proseTask(t, conventions, ctx, sectionLeaders.get(t.section ?? '') ?? []));
  const headlineTargets = readHeadlineTargets(outline.sections, head, meta.year);
  return finishPlan(meta, { headlineTargets, sections: outline.sections }, tasks, warnings);
}

function proseTask(t: TaskBlock, conventions: Conventions, ctx: Context, sectionLeaders: string[]): Task {
  const r = readResponsibility(t.body, conventions);
  const body = t.body.text;
  const text = r.span ? (body.slice(0, r.span.start) + body.slice(r.span.end)).trim() : body.trim();
  const boldNames = r.hosts.concat(r.coUnits).filter((u) => {
    for (let i = u.start; i < u.end; i++) if (t.body.bold[i] !== 1) return false;
    return true;
  });
  const deadlineField = r.span ? readDeadlineField(body.slice(r.span.start, r.span.end)) : null;
  return finishTask(
    {
      ...(deadlineField ? { deadlineText: deadlineField } : {}),
      number: t.number,
      section: t.section,
      line: t.line,
      text,
      leaders: r.leaders.length ? r.leaders : t.headingLeaders.length ? t.headingLeaders : sectionLeaders,
      hosts: r.hosts.map((u) => u.name),
      coUnits: r.coUnits.map((u) => u.name),
      signal: r.signal,
      guess: r.guess,
      boldHosts: r.conflict ? boldNames.map((u) => u.name) : null,
    },
    ctx,
  );
}
