import {
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  RawNode,
  SelectQueryNode,
} from 'kysely';

/**
 * A number that moves whenever this process writes to the database: every insert, update,
 * delete, schema change or raw statement that is not a plain read, in a request, a background job
 * or a CLI command. Caches of rendered answers (http/page-cache.ts) compare it to tell whether
 * what they hold may be out of date.
 */
export class ChangeCounter {
  generation = 0;
  bump(): void {
    this.generation++;
  }
}

const READ_ONLY_SQL = /^\s*\(?\s*(select|with\s+(?:recursive\s+)?\w[\s\S]*?\)\s*select)\b/i;

/**
 * Whether a statement only reads: a select query, or raw SQL that starts with `select` (or a
 * `with … select`). Raw SQL built from pieces (sql`${columns} from …`) starts in its first piece.
 */
function isRead(node: OperationNode): boolean {
  if (SelectQueryNode.is(node)) return true;
  if (!RawNode.is(node)) return false;
  const head = node.sqlFragments[0] ?? '';
  if (head.trim() !== '' || node.parameters.length === 0) return READ_ONLY_SQL.test(node.sqlFragments.join(' '));
  return isRead(node.parameters[0]!);
}

/**
 * Bumps the counter before a write runs and again when it returns (a render that read between the
 * two sees a moved counter and is not kept). A transaction commits after its last write returned;
 * the HTTP layer bumps once more when a state-changing request has been answered.
 */
export class ChangeCountingPlugin implements KyselyPlugin {
  private readonly writes = new WeakSet<object>();
  constructor(private readonly counter: ChangeCounter) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (!isRead(args.node)) {
      this.writes.add(args.queryId);
      this.counter.bump();
    }
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.writes.has(args.queryId)) this.counter.bump();
    return args.result;
  }
}
