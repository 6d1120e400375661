import type { Light } from '../api-types';

/** The colours of the lights, the same in badges and charts. */
export const LIGHT_COLORS: Record<Light, string> = {
  green: '#52c41a',
  yellow: '#faad14',
  red: '#f5222d',
  none: '#bfbfbf',
};
