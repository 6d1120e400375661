/** One screen of the table inside the layout: refused (403) without its action, else its page once loaded, with its help. */
import { Suspense } from 'react';
import { ForbiddenState, Loading } from '../components/States';
import type { Screen } from '../routes';
import { ScreenHelp } from './ScreenHelp';
import { can, useMe } from '../api/session';

export function ScreenPage({ screen }: { screen: Screen }) {
  const me = useMe();
  if (screen.action && !can(me.data, screen.action)) return <ForbiddenState />;
  const Page = screen.page;
  return (
    <>
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
      <ScreenHelp help={screen.help} />
    </>
  );
}
