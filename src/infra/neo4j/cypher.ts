/**
 * Loads the Cypher the Neo4j adapter runs from cypher/<name>.cypher, by name, once.
 *
 * Every file opens with a comment block whose `// params: a, b` line (or `// params: none`)
 * declares the parameters it takes. The lint test (test/cypher/lint.test.ts) checks the
 * declaration against the statement, and `checkParams` checks it against what the code sends,
 * so a statement and its caller cannot drift apart silently.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LinkageError } from '../../shared/errors';

/** Where the .cypher files live: <repo>/cypher, from src/graph/neo4j (or dist/src/graph/neo4j). */
export const CYPHER_DIR = path.resolve(__dirname, '../../../cypher');

const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PARAMS_LINE = /^\/\/\s*params:\s*(.*?)\s*$/;

export interface CypherStatement {
  /** The file name without `.cypher`. */
  readonly name: string;
  /** The file as written, comments included; Cypher ignores `//` comments. */
  readonly text: string;
  /** The parameters declared by the `// params:` header. */
  readonly params: readonly string[];
}

const cache = new Map<string, CypherStatement>();

/** The statement in cypher/<name>.cypher; throws naming the file when it does not exist. */
export function cypher(name: string): CypherStatement {
  const cached = cache.get(name);
  if (cached) return cached;
  const statement = load(name, CYPHER_DIR);
  cache.set(name, statement);
  return statement;
}

/**
 * The statements of a multi-statement file (the schema), in order. Statements end with `;` at
 * the end of a line; schema commands cannot share a transaction, so each runs on its own.
 */
export function cypherScript(name: string): string[] {
  return splitStatements(cypher(name).text);
}

/** Reads and parses one file; exported for tests that load fixtures from elsewhere. */
export function load(name: string, dir: string): CypherStatement {
  if (!NAME_PATTERN.test(name)) {
    throw new LinkageError('internal', `invalid cypher file name "${name}": use lowercase words joined by "-"`);
  }
  const file = path.join(dir, `${name}.cypher`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new LinkageError('internal', `cypher file "${name}.cypher" not found at ${file}`, { cause });
  }
  return Object.freeze({ name, text, params: Object.freeze(declaredParams(name, text)) });
}

/** The parameters named by the `// params:` line of the file's leading comment block. */
export function declaredParams(name: string, text: string): string[] {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('//')) break;
    const m = PARAMS_LINE.exec(line);
    if (!m) continue;
    if (m[1] === 'none') return [];
    const names = m[1].split(',').map((p) => p.trim());
    if (names.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) {
      throw new LinkageError('internal', `cypher file "${name}.cypher": malformed "// params:" line "${line}"`);
    }
    return names;
  }
  throw new LinkageError('internal', `cypher file "${name}.cypher" has no "// params:" line in its header`);
}

/** Throws when `params` does not carry exactly the declared parameters: a bug, not bad input. */
export function checkParams(statement: CypherStatement, params: Readonly<Record<string, unknown>>): void {
  const sent = Object.keys(params);
  const missing = statement.params.filter((p) => !(p in params));
  const extra = sent.filter((p) => !statement.params.includes(p));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      missing.length > 0 ? `missing ${missing.map((p) => `$${p}`).join(', ')}` : '',
      extra.length > 0 ? `undeclared ${extra.map((p) => `$${p}`).join(', ')}` : '',
    ].filter((s) => s !== '');
    throw new LinkageError('internal', `cypher "${statement.name}": parameters do not match its header (${parts.join('; ')})`);
  }
}

/** Splits a script on `;` at line ends, dropping comment lines and empty statements. */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.trimStart().startsWith('//')) continue;
    if (line.endsWith(';')) {
      current.push(line.slice(0, -1));
      statements.push(current.join('\n').trim());
      current = [];
    } else {
      current.push(line);
    }
  }
  statements.push(current.join('\n').trim());
  return statements.filter((s) => s !== '');
}
