/** Entry point of the browser bundle: sign-in, or the app for the session in this tab. */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { App } from './app';
import type { MessageKey } from './i18n';
import { clearSession, loadSession, type Session } from './session';
import { SignInView } from './views/signin';

function Root() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [message, setMessage] = useState<MessageKey | undefined>(undefined);
  if (!session) {
    return (
      <SignInView
        message={message}
        onSignedIn={(s) => {
          setMessage(undefined);
          setSession(s);
        }}
      />
    );
  }
  return (
    <App
      key={session.token}
      session={session}
      onSignOut={(m) => {
        clearSession();
        setMessage(m as MessageKey | undefined);
        setSession(null);
      }}
    />
  );
}

const root = document.getElementById('app')!;
root.replaceChildren();
render(<Root />, root);
