/** The range of a figure, and what a broken stored one means for the lights. */
import { describe, expect, it } from 'vitest';
import { FIGURE_LIMIT, isFigure, plainNumber, storedFigure } from '../../src/domain/figures.js';
import { taskStatus } from '../../src/domain/lights.js';
import type { Target } from '../../src/domain/plan.js';

const target = (value: number): Target => ({ text: `营收 ${value} 亿元`, metric: '营收', kind: 'increment', value, unit: '亿元', qualifiers: [] });

describe('figures', () => {
  it('takes finite numbers up to a trillion either way, and nothing else', () => {
    expect(isFigure(FIGURE_LIMIT)).toBe(true);
    expect(isFigure(-FIGURE_LIMIT)).toBe(true);
    expect(isFigure(0.5)).toBe(true);
    for (const x of [Infinity, -Infinity, NaN, 1.7e308, FIGURE_LIMIT * 1.000001, '12']) expect(isFigure(x), String(x)).toBe(false);
  });

  it('reads a stored value back as a figure, or null when it is not one', () => {
    expect(storedFigure(12.5)).toBe(12.5);
    expect(storedFigure('12.5'), 'a driver that gives numeric columns as text').toBe(12.5);
    for (const raw of [Infinity, 'Infinity', 'NaN', 1e13, '', null, undefined, 'abc']) expect(storedFigure(raw), String(raw)).toBeNull();
  });

  it('writes a limit as a person reads it', () => {
    expect(plainNumber(1e12)).toBe('1万亿');
    expect(plainNumber(-1e12)).toBe('-1万亿');
    expect(plainNumber(3e8)).toBe('3亿');
    expect(plainNumber(60)).toBe('60');
  });

  it('a target with a broken figure is not judged; its task says data_error and takes its light from the rest', () => {
    const status = taskStatus(
      {
        targets: [
          { target: target(100), actual: null, dataError: true },
          { target: target(100), actual: 10 },
        ],
        milestones: [],
        reportOverdue: false,
        confidence: 'on_track',
      },
      '2026-06-30',
    );
    expect(status.dataError).toBe(true);
    expect(status.source).toBe('data_error');
    expect(status.targets[0]).toMatchObject({ light: 'none', reason: 'data_error' });
    expect(status.targets[1]?.light, 'the sound target is still judged: 10 % at mid-year is red').toBe('red');
    expect(status.light).toBe('red');
  });
});
