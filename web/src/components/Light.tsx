/** A task's status light (红黄绿灯) as a coloured dot with its name. */
import { Badge } from 'antd';
import type { Light } from '../api-types';
import { useT } from '../i18n';
import { LIGHT_COLORS } from './light-colors';

export { LIGHT_COLORS };

export function LightBadge({ light }: { light: Light }) {
  const t = useT();
  return <Badge color={LIGHT_COLORS[light]} text={t(`light.${light}`)} data-light={light} />;
}
