/** The CLI's usage lines and its usage error (exit code 2): no imports, so any module may take them. */

/** A mistake in how a command was called: reported on one line with exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const TOKEN_USAGE = `linkage token                          print the admin (coordinator) token of this data directory
linkage token create --role R [--province P] [--enterprise E] [--actor NAME] [--expires ISO-TIME]
linkage token list
linkage token revoke ID`;

export const TASKS_USAGE = `linkage tasks list [--province P] [--state S[,S…]|active] [--escalated] [--json]
linkage tasks show ID
linkage tasks ack ID [--note TEXT]
linkage tasks start ID [--note TEXT]
linkage tasks resolve ID [--note TEXT]`;

export const REQUESTS_USAGE = `linkage requests list [--province P] [--state S[,S…]|active] [--category C] [--enterprise ID] [--escalated] [--json]
linkage requests show ID
linkage requests accept ID [--note TEXT]
linkage requests start ID [--note TEXT]
linkage requests resolve ID [--note TEXT]
linkage requests reject ID --reason TEXT`;
