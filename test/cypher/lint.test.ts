/**
 * Every statement in cypher/ passes Neo4j's own linter with no diagnostic at all, declares
 * exactly the parameters it uses, and is loaded by the adapter; the adapter loads nothing that
 * is not there and builds no Cypher of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseStatementsStrs } from '@neo4j-cypher/language-support';
import { CYPHER_DIR, declaredParams, splitStatements } from '../../src/infra/neo4j/cypher';
import { formatFindings, lintCypher, usedParams } from './lint';

const FIXTURES_DIR = path.resolve(__dirname, '../fixtures/cypher');
const SRC = path.resolve(__dirname, '../../src');
/** The Neo4j adapters (each beside its port) and the driver plumbing they share. */
const ADAPTER_FILES = [
  ...['graph/neo4j', 'infra/neo4j'].flatMap((dir) => fs.readdirSync(path.join(SRC, dir)).map((f) => path.join(dir, f))),
  ...['access', 'coordination'].flatMap((dir) =>
    fs
      .readdirSync(path.join(SRC, dir))
      .filter((f) => f.startsWith('neo4j-'))
      .map((f) => path.join(dir, f)),
  ),
];

const cypherFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort();
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
const nameOf = (file: string) => file.slice(0, -'.cypher'.length);

const storeFiles = cypherFiles(CYPHER_DIR);
const fixtureFiles = cypherFiles(FIXTURES_DIR).filter((f) => f !== 'broken.cypher');

describe('cypher lint', () => {
  it('finds the statements', () => {
    expect(storeFiles.length).toBeGreaterThanOrEqual(10);
    expect(storeFiles).toContain('schema.cypher');
  });

  describe.each([
    ['cypher', CYPHER_DIR, storeFiles],
    ['test/fixtures/cypher', FIXTURES_DIR, fixtureFiles],
  ])('%s/', (_label, dir, files) => {
    it.each(files)('%s has no diagnostic', (file) => {
      const findings = lintCypher(nameOf(file), read(dir, file));
      if (findings.length > 0) throw new Error(`Cypher lint:\n${formatFindings(path.relative(process.cwd(), path.join(dir, file)), findings)}`);
    });

    it.each(files)('%s declares exactly the parameters it uses', (file) => {
      const text = read(dir, file);
      expect([...usedParams(text)].sort()).toEqual([...declaredParams(nameOf(file), text)].sort());
    });
  });

  const schemaFiles = storeFiles.filter((f) => f === 'schema.cypher' || f.endsWith('-schema.cypher'));

  it('finds the schema of each store', () => {
    expect(schemaFiles).toEqual([
      'audit-schema.cypher',
      'change-log-schema.cypher',
      'inventory-schema.cypher',
      'request-schema.cypher',
      'schema.cypher',
      'task-schema.cypher',
      'token-schema.cypher',
    ]);
    expect(splitStatements(read(CYPHER_DIR, 'schema.cypher'))).toHaveLength(5);
  });

  it.each(schemaFiles)('splits %s into the statements Neo4j parses, each an idempotent schema command', (file) => {
    const text = read(CYPHER_DIR, file);
    const ours = splitStatements(text);
    const neo4js = parseStatementsStrs(text).map((s) =>
      s
        .split('\n')
        .filter((l) => !l.trim().startsWith('//'))
        .join('\n')
        .replace(/;\s*$/, '')
        .trim(),
    );
    expect(ours).toEqual(neo4js);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((s) => /^CREATE (CONSTRAINT|INDEX) \w+ IF NOT EXISTS\b/.test(s))).toBe(true);
  });

  it('a schema object has one definition wherever it is named', () => {
    const definitions = new Map<string, Set<string>>();
    for (const file of schemaFiles) {
      for (const statement of splitStatements(read(CYPHER_DIR, file))) {
        const name = /^CREATE (?:CONSTRAINT|INDEX) (\w+)/.exec(statement)![1];
        definitions.set(name, (definitions.get(name) ?? new Set()).add(statement));
      }
    }
    expect([...definitions].filter(([, texts]) => texts.size > 1).map(([name]) => name)).toEqual([]);
  });
});

describe('cypher lint on a broken statement', () => {
  const findings = lintCypher('broken', read(FIXTURES_DIR, 'broken.cypher'));
  const at = (pattern: RegExp) => findings.filter((f) => pattern.test(f.message));

  it.each([
    ['a misspelt keyword', /^Invalid input 'RETRUN'/, 'error', 10],
    ['an undeclared parameter', /^Parameter \$province is not defined\.$/, 'error', 7],
    ['an unknown label', /^Label Enterprize is not present/, 'warning', 6],
    ['an unknown property key, read', /^Property key provnce is not in the store model$/, 'warning', 7],
    ['an unknown function', /^Function lowerr is not present/, 'error', 7],
    ['a relationship type the model lacks, in a write', /^Label or relationship type SUPPLY is not in the store model$/, 'warning', 8],
    ['a pattern property key the model lacks, in a write', /^Property key prt is not in the store model$/, 'warning', 8],
    ['a property key the model lacks, set on a node', /^Property key staus is not in the store model$/, 'warning', 9],
  ])('reports %s', (_what, pattern, severity, line) => {
    expect(at(pattern)).toEqual([expect.objectContaining({ severity, line })]);
  });

  it("reports the unknown label once as Neo4j's warning and once against the store model", () => {
    expect(at(/Enterprize/).map((f) => f.line)).toEqual([6, 6]);
  });

  it('does not report the declared parameter', () => {
    expect(at(/\$id\b/)).toEqual([]);
  });

  it('formats findings as file:line:column severity: message', () => {
    expect(formatFindings('broken.cypher', at(/^Parameter/))).toBe('broken.cypher:7:19 error: Parameter $province is not defined.');
  });
});

describe('cypher lint on a statement that parses but does not make sense', () => {
  // Neo4j's semantic analysis runs only on a statement without syntax errors, so these are
  // not in broken.cypher, whose RETRUN would hide them.
  const lint = (text: string) => lintCypher('inline', `// params: rows\n${text}`);

  it('reports an undefined variable', () => {
    expect(lint('UNWIND $rows AS row MATCH (e:Enterprise {id: row.id}) RETURN x')).toEqual([
      expect.objectContaining({ severity: 'error', line: 2, message: 'Variable `x` not defined' }),
    ]);
  });

  it('reports a property the model lacks, of a relationship, where it is read', () => {
    expect(lint('UNWIND $rows AS row MATCH ()-[s:SUPPLIES]->() WHERE s.prt = row.part RETURN s').map((f) => f.message)).toEqual(['Property key prt is not in the store model']);
  });

  it('does not hold the keys of a map that is not a node or relationship to the model', () => {
    expect(lint('UNWIND $rows AS row MERGE (e:Enterprise {id: row.ident}) SET e.name = row.label')).toEqual([]);
  });
});

describe('cypher files and the adapter', () => {
  const sources = ADAPTER_FILES.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => ({
    file: f,
    text: fs.readFileSync(path.join(SRC, f), 'utf8'),
  }));
  const loaded = new Set(sources.flatMap(({ text }) => [...text.matchAll(/\bcypher(?:Script)?\(\s*'([^']+)'\s*\)/g)].map((m) => m[1])));

  it('the adapter loads statements by name', () => {
    expect(loaded.size).toBeGreaterThanOrEqual(10);
  });

  it.each([...loaded].sort())('cypher/%s.cypher, loaded by the adapter, exists', (name) => {
    expect(storeFiles).toContain(`${name}.cypher`);
  });

  it.each(storeFiles)('%s is loaded by the adapter', (file) => {
    expect(loaded).toContain(nameOf(file));
  });

  it('the adapter holds no Cypher of its own', () => {
    const inline = /(['"`])[^'"`\n]*\b(MATCH|MERGE|UNWIND|CREATE|DETACH DELETE|RETURN)\s[^'"`\n]*\1/;
    const offenders = sources.filter(({ text }) => text.split('\n').some((l) => !l.trim().startsWith('*') && !l.trim().startsWith('//') && inline.test(l)));
    expect(offenders.map((o) => o.file)).toEqual([]);
  });
});
