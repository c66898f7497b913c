import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LinkageError } from '../../shared/errors';
import { CYPHER_DIR, checkParams, cypher, cypherScript, declaredParams, load, splitStatements } from './cypher';

describe('cypher loader', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-cypher-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('resolves cypher/ at the repository root', () => {
    expect(CYPHER_DIR).toBe(path.resolve(__dirname, '../../../cypher'));
    expect(fs.existsSync(path.join(CYPHER_DIR, 'schema.cypher'))).toBe(true);
  });

  it('loads a statement by name with its declared parameters', () => {
    const s = cypher('upsert-links');
    expect(s.name).toBe('upsert-links');
    expect(s.text).toContain('MERGE (s)-[l:SUPPLIES {part: row.part}]->(c)');
    expect(s.params).toEqual(['rows', 'ordBase']);
  });

  it('reads each file once', () => {
    const spy = jest.spyOn(fs, 'readFileSync');
    try {
      const first = cypher('export-links');
      expect(spy).toHaveBeenCalledTimes(1);
      expect(cypher('export-links')).toBe(first);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('names the missing file', () => {
    expect(() => cypher('no-such-statement')).toThrow(/cypher file "no-such-statement\.cypher" not found at .*cypher\/no-such-statement\.cypher/);
    try {
      cypher('no-such-statement');
    } catch (err) {
      expect(err).toBeInstanceOf(LinkageError);
      expect((err as LinkageError).code).toBe('internal');
    }
  });

  it('refuses names that are not plain file names', () => {
    expect(() => cypher('../package')).toThrow(/invalid cypher file name "\.\.\/package"/);
    expect(() => cypher('Upsert_Links')).toThrow(/invalid cypher file name/);
  });

  it('loads from another directory', () => {
    fs.writeFileSync(path.join(dir, 'probe.cypher'), '// What it does.\n// params: a, b_2\nRETURN $a, $b_2\n');
    expect(load('probe', dir)).toEqual({ name: 'probe', text: '// What it does.\n// params: a, b_2\nRETURN $a, $b_2\n', params: ['a', 'b_2'] });
  });
});

describe('declared parameters', () => {
  it('reads the params line of the header', () => {
    expect(declaredParams('x', '// Does things.\n//   params:  rows ,ordBase \nRETURN 1')).toEqual(['rows', 'ordBase']);
  });

  it('"none" declares no parameters', () => {
    expect(declaredParams('x', '// params: none\nRETURN 1')).toEqual([]);
  });

  it('a file without a params line is an error', () => {
    expect(() => declaredParams('x', '// Does things.\nRETURN 1')).toThrow('cypher file "x.cypher" has no "// params:" line in its header');
  });

  it('a params line after the statement does not count', () => {
    expect(() => declaredParams('x', 'RETURN 1\n// params: a')).toThrow(/has no "\/\/ params:" line/);
  });

  it('a malformed params line is an error', () => {
    expect(() => declaredParams('x', '// params: $rows, ordBase')).toThrow(/malformed "\/\/ params:" line/);
    expect(() => declaredParams('x', '// params: ')).toThrow(/malformed/);
  });

  it('every statement in cypher/ declares its parameters', () => {
    for (const file of fs.readdirSync(CYPHER_DIR).filter((f) => f.endsWith('.cypher'))) {
      expect(() => cypher(file.replace(/\.cypher$/, ''))).not.toThrow();
    }
  });
});

describe('checkParams', () => {
  const statement = { name: 'upsert-links', text: '', params: ['rows', 'ordBase'] };

  it('accepts exactly the declared parameters, null values included', () => {
    expect(() => checkParams(statement, { rows: [], ordBase: null })).not.toThrow();
  });

  it('names missing and undeclared parameters', () => {
    expect(() => checkParams(statement, { rows: [], ordbase: 1 })).toThrow('cypher "upsert-links": parameters do not match its header (missing $ordBase; undeclared $ordbase)');
    expect(() => checkParams(statement, { rows: [] })).toThrow(/\(missing \$ordBase\)$/);
  });
});

describe('splitStatements', () => {
  it('splits on ";" at line ends and drops comments and blank statements', () => {
    const script = '// header\n// params: none\nCREATE INDEX a IF NOT EXISTS\nFOR (n:A) ON (n.x);\n\n// why\nCREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y);\n\n';
    expect(splitStatements(script)).toEqual(['CREATE INDEX a IF NOT EXISTS\nFOR (n:A) ON (n.x)', 'CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y)']);
  });

  it('keeps a last statement without ";"', () => {
    expect(splitStatements('RETURN 1;\nRETURN 2\n')).toEqual(['RETURN 1', 'RETURN 2']);
  });

  it('splits the schema into its constraints and indexes', () => {
    const statements = cypherScript('schema');
    expect(statements.filter((s) => s.startsWith('CREATE CONSTRAINT'))).toHaveLength(3);
    expect(statements.filter((s) => s.startsWith('CREATE INDEX'))).toHaveLength(2);
    expect(statements.every((s) => s.includes('IF NOT EXISTS'))).toBe(true);
  });
});
