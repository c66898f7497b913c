/** Entry point of the browser bundle: sign-in, or the app for the session in this tab. */
import { startApp } from './app';
import { loadSession } from './session';
import { signInView } from './views/signin';

function boot(root: HTMLElement): void {
  const showSignIn = (message?: string) => {
    signInView(root, message, (session) => {
      startApp(root, session, showSignIn);
    });
  };
  const session = loadSession();
  if (session) startApp(root, session, showSignIn);
  else showSignIn();
}

boot(document.getElementById('app')!);
