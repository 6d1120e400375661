/** One screen of the table inside the layout: refused (403) without its action, else its page once loaded, with its help. */
import { lazy, Suspense } from 'react';
import { ForbiddenState, Loading } from '../components/States';
import type { Screen } from '../routes';
import { can, useMe } from '../api/session';

// Its own chunk, loaded after the page's: the help's drawer costs the first screen nothing.
const ScreenHelp = lazy(() => import('./ScreenHelp'));

export function ScreenPage({ screen }: { screen: Screen }) {
  const me = useMe();
  if (screen.action && !can(me.data, screen.action)) return <ForbiddenState />;
  const Page = screen.page;
  return (
    <>
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
      <Suspense fallback={null}>
        <ScreenHelp help={screen.help} />
      </Suspense>
    </>
  );
}
