/**
 * Lints a .cypher file with Neo4j's own parser and semantic analysis
 * (@neo4j-cypher/language-support), against a schema that declares exactly what the store
 * model has: its labels, relationship types and property keys, Neo4j's built-in functions, no
 * procedures, and the parameters the file's `// params:` header declares. Anything else is a
 * diagnostic: a syntax error, an undeclared parameter, an unknown label, property, function or
 * variable, a deprecation.
 *
 * Neo4j's linter (2.0.0-next.20, the last release that runs on Node 20) checks labels only
 * where a statement reads them, since a write (MERGE, CREATE, SET) may invent new ones, and
 * property keys not at all. The store must invent neither, so `vocabularyFindings` holds every
 * label and relationship type, every property of a node or relationship variable and every key
 * of a pattern's property map, read or written, to the model.
 */
import {
  applySyntaxColouring,
  lintCypherQuery,
  NodePatternContext,
  parseParameters,
  parserWrapper,
  RelationshipPatternContext,
  testData,
  type DbSchema,
  type ParsedCypherToken,
} from '@neo4j-cypher/language-support';
import { declaredParams } from '../../src/infra/neo4j/cypher';

/** The server generation the store targets (docker compose runs Neo4j 5). */
export const CYPHER_VERSION = 'CYPHER 5';

/**
 * The graph model of the Neo4j adapters (see src/graph/neo4j/neo4j-store.ts,
 * neo4j-token-store.ts, neo4j-audit-store.ts and neo4j-task-store.ts).
 */
// Property keys grouped by the node or relationship that has them, a group a line (kept as laid out):
// prettier-ignore
export const MODEL = {
  labels: ['Enterprise', 'StatusReport', 'Counter', 'ApiToken', 'AuditEntry', 'Task', 'TaskHistory', 'TaskEvent', 'Request', 'InventoryReport', 'RevisionChange'],
  relationshipTypes: ['SUPPLIES', 'REPORTED', 'HAS_HISTORY'],
  propertyKeys: [
    // Enterprise
    'id', 'name', 'role', 'industry', 'province', 'status', 'capacityPct', 'size', 'city', 'uscc', 'contact',
    'ord', 'currentStatus', 'currentCapacityPct', 'currentAsOf', 'currentSeq',
    'since',
    // SUPPLIES (plus ord)
    'part', 'critical',
    // StatusReport (plus status, capacityPct)
    'seq', 'enterprise', 'asOf', 'note', 'reporter', 'receivedAt', 'key',
    // Counter (plus name; storeId on 'revision' and 'task_commits': the graph and task stores' identities)
    'value', 'storeId',
    // ApiToken (plus id, role, province, enterprise)
    'hash', 'actor', 'createdAt', 'expiresAt', 'revokedAt',
    // AuditEntry (plus seq, actor)
    'at', 'action', 'target', 'revision', 'before', 'after',
    // Task (plus id, createdAt, revision)
    'supplier', 'assigneeProvince', 'affectedLeaders', 'requestingProvinces', 'blockedEnterprises', 'priority',
    'state', 'escalated', 'escalatedAt', 'updatedAt', 'deliveredAt', 'previousTask', 'version', 'activeSupplier',
    // TaskHistory, a task's by HAS_HISTORY (plus at, actor, note)
    'n', 'fromState', 'toState',
    // TaskEvent (plus id, province, at)
    'type', 'taskId', 'task', 'dispatchedAt', 'requestId',
    // Request (plus id, enterprise, state, escalated, escalatedAt, createdAt, updatedAt, deliveredAt, version)
    'category', 'title', 'description', 'counterpartProvince', 'counterpartEnterprise', 'raisedOn', 'raisedBy',
    'resolvedAt', 'reason', 'history',
    // StatusReport (§7) and InventoryReport (plus seq, part, asOf, note, reporter, receivedAt, key)
    'expectedResumeOn', 'customer', 'days',
    // Task (§7)
    'stopsOn',
    // RevisionChange, the change log (plus revision)
    'change',
  ],
} as const;

/**
 * Neo4j's built-in functions. The package ships them as the function registry of a real server
 * (its test data); APOC and GDS functions are left out because the store must not need plugins.
 */
function builtInFunctions(): NonNullable<DbSchema['functions']> {
  const all = testData.mockSchema.functions?.[CYPHER_VERSION];
  if (!all || Object.keys(all).length < 100) {
    throw new Error(`@neo4j-cypher/language-support no longer ships a ${CYPHER_VERSION} function registry; update test/cypher/lint.ts`);
  }
  return { [CYPHER_VERSION]: Object.fromEntries(Object.entries(all).filter(([, f]) => f.isBuiltIn)) };
}

const FUNCTIONS = builtInFunctions();

export function schemaFor(params: readonly string[]): DbSchema {
  return {
    labels: [...MODEL.labels],
    relationshipTypes: [...MODEL.relationshipTypes],
    propertyKeys: [...MODEL.propertyKeys],
    parameters: Object.fromEntries(params.map((p) => [p, null])),
    functions: FUNCTIONS,
    procedures: { [CYPHER_VERSION]: {} },
    defaultLanguage: CYPHER_VERSION,
  };
}

export interface Finding {
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
}

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' } as const;

/** Every diagnostic for one file, with 1-based positions, in order. */
export function lintCypher(name: string, text: string): Finding[] {
  const diagnostics = lintCypherQuery(text, schemaFor(declaredParams(name, text)), false);
  const findings = diagnostics.map((d): Finding => ({
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    severity: SEVERITY[(d.severity ?? 1) as keyof typeof SEVERITY],
    message: typeof d.message === 'string' ? d.message : d.message.value,
  }));
  return [...findings, ...vocabularyFindings(text)].sort((a, b) => a.line - b.line || a.column - b.column);
}

const LABELS_AND_TYPES = new Set<string>([...MODEL.labels, ...MODEL.relationshipTypes]);
const PROPERTY_KEYS = new Set<string>(MODEL.propertyKeys);

/** Labels, relationship types and property keys, read or written, that the model does not have. */
export function vocabularyFindings(text: string): Finding[] {
  const graphVariables = patternVariables(text);
  const tokens = applySyntaxColouring(text).filter((t) => t.tokenType !== 'comment');
  const findings: Finding[] = [];
  const report = (t: ParsedCypherToken, message: string) => findings.push({ line: t.position.line + 1, column: t.position.startCharacter + 1, severity: 'warning', message });
  tokens.forEach((t, i) => {
    const name = t.token.replace(/^`|`$/g, '');
    if (t.tokenType === 'label' && !LABELS_AND_TYPES.has(name)) {
      report(t, `Label or relationship type ${name} is not in the store model`);
    } else if (t.tokenType === 'property' && !PROPERTY_KEYS.has(name) && (ofGraphVariable(tokens, i, graphVariables) || inPatternMap(tokens, i))) {
      report(t, `Property key ${name} is not in the store model`);
    }
  });
  return findings;
}

/**
 * The variables a node or relationship pattern binds: the nodes and relationships, whose
 * properties are the store's. (This release of the linter hands out no symbol tables; the
 * store's statements carry a node or relationship under the name its pattern gave it.)
 */
function patternVariables(text: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: ParseTree) => {
    if (node instanceof NodePatternContext || node instanceof RelationshipPatternContext) {
      const variable = node.variable() as unknown as ParseTree | null;
      if (variable) names.add(variable.getText().replace(/^`|`$/g, ''));
    }
    node.children?.forEach(visit);
  };
  for (const statement of parserWrapper.parse(text, false).statementsParsing) visit(statement.ctx as unknown as ParseTree);
  return names;
}

/**
 * The part of antlr4's parse tree walked here. antlr4 4.13's own declarations import their
 * folders without extensions, which `nodenext` resolution cannot follow, so its classes lose
 * these members in the type checker (not at run time).
 */
interface ParseTree {
  readonly children?: readonly ParseTree[] | null;
  getText(): string;
}

/** `v.key` where v is a node or relationship. */
function ofGraphVariable(tokens: readonly ParsedCypherToken[], i: number, graphVariables: ReadonlySet<string>): boolean {
  const dot = tokens[i - 1];
  const owner = tokens[i - 2];
  return dot?.token === '.' && owner?.tokenType === 'variable' && graphVariables.has(owner.token);
}

/** `key:` inside `(:Label {key: ...})` or `[:TYPE {key: ...}]`. */
function inPatternMap(tokens: readonly ParsedCypherToken[], i: number): boolean {
  if (tokens[i + 1]?.token !== ':') return false;
  let depth = 0;
  for (let j = i - 1; j >= 0; j--) {
    if (tokens[j].token === '}') depth++;
    else if (tokens[j].token === '{') {
      if (depth === 0) return tokens[j - 1]?.tokenType === 'label';
      depth--;
    }
  }
  return false;
}

/** The parameters a statement uses, as Neo4j's parser sees them. */
export function usedParams(text: string): string[] {
  return parseParameters(text, false);
}

export function formatFindings(file: string, findings: readonly Finding[]): string {
  return findings.map((f) => `${file}:${f.line}:${f.column} ${f.severity}: ${f.message}`).join('\n');
}
