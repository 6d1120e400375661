/**
 * The frame of the print views: the signed-in checks of the app's layout
 * (who is signed in, a password change due) without its menu and header, so
 * that the page holds only what prints.
 */
import { Outlet } from 'react-router';
import { SignedIn } from './SignedIn';

export default function PrintLayout() {
  return (
    <SignedIn>
      {() => (
        <main>
          <Outlet />
        </main>
      )}
    </SignedIn>
  );
}
