/** `linkage token`: print the admin token, or create, list and revoke scoped tokens. */
import { issueToken, revokeToken, operatorTokenRequestSchema } from '../access';
import { createAuditStore, createStore, createTokenStore, resolveAdminToken } from '../runtime/context';
import { systemClock } from '../shared/clock';
import { loadConfig } from '../shared/config';
import { LinkageError } from '../shared/errors';
import { zodDetails } from '../graph';
import { cliActor } from './shared';
import { TOKEN_USAGE, UsageError } from './usage';
import { provinceArg } from './args';

export { TOKEN_USAGE };

export async function runToken(v: Record<string, string | boolean | undefined>, [sub, ...rest]: string[]): Promise<number> {
  const config = loadConfig();
  if (!sub) {
    process.stdout.write(`${resolveAdminToken(config)}\n`);
    return 0;
  }
  const tokenStore = createTokenStore(config);
  const audit = createAuditStore(config);
  await tokenStore.init();
  await audit.init();
  // Scoped tokens name stored enterprises (a lead token a leader): the graph store answers.
  const store = createStore(config);
  await store.init();
  const s = { tokenStore, audit, clock: systemClock, store };
  try {
    switch (sub) {
      case 'create': {
        const parsed = operatorTokenRequestSchema.safeParse({
          role: v.role,
          ...(v.province !== undefined ? { province: provinceArg(v.province) } : {}),
          ...(v.enterprise !== undefined ? { enterprise: v.enterprise } : {}),
          ...(v.actor !== undefined ? { actor: v.actor } : {}),
          ...(v.expires !== undefined ? { expiresAt: v.expires } : {}),
        });
        if (!parsed.success) throw new LinkageError('invalid_input', 'invalid token request', { details: zodDetails(parsed.error) });
        const { token, record } = await issueToken(s, parsed.data, cliActor());
        process.stdout.write(`${JSON.stringify({ token, ...record })}\n`);
        return 0;
      }
      case 'list':
        for (const t of await tokenStore.list()) process.stdout.write(`${JSON.stringify(t)}\n`);
        return 0;
      case 'revoke': {
        if (!rest[0]) throw new UsageError('token revoke needs an ID');
        process.stdout.write(`${JSON.stringify(await revokeToken(s, rest[0], cliActor()))}\n`);
        return 0;
      }
      default:
        process.stderr.write(`linkage token: unknown subcommand "${sub}"\n${TOKEN_USAGE}\n`);
        return 2;
    }
  } finally {
    await tokenStore.close();
    await audit.close();
    await store.close();
  }
}
