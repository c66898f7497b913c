/** `npm start`: API, workers and web UI in one process (CONTRACT §6). */
import { runServe } from './cli/serve';

runServe({ role: 'all' }).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
