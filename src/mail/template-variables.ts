import Handlebars from 'handlebars';

/**
 * The top-level values a template reads (`{{username}}`, `{{#if link}}`), from its syntax tree:
 * what a message must give it. A helper's name (`if`, `unless`) is not one, its arguments are;
 * `@data` variables and `this` are not values of the message.
 */
export function variablesOf(source: string): Set<string> {
  const collector = new VariableCollector();
  collector.accept(Handlebars.parse(source));
  return collector.names;
}

class VariableCollector extends Handlebars.Visitor {
  readonly names = new Set<string>();

  override MustacheStatement(mustache: hbs.AST.MustacheStatement): void {
    this.call(mustache.path, mustache.params, mustache.hash);
  }

  override BlockStatement(block: hbs.AST.BlockStatement): void {
    this.call(block.path, block.params, block.hash);
    this.accept(block.program);
    if (block.inverse) {
      this.accept(block.inverse);
    }
  }

  override SubExpression(expression: hbs.AST.SubExpression): void {
    this.call(expression.path, expression.params, expression.hash);
  }

  override PathExpression(path: hbs.AST.PathExpression): void {
    if (!path.data && path.depth === 0 && path.parts.length > 0) {
      this.names.add(path.parts[0]);
    }
  }

  /** With arguments the path names a helper, which is not a value: only the arguments are read. */
  private call(path: hbs.AST.Node, params: hbs.AST.Expression[], hash: hbs.AST.Hash | undefined): void {
    if (params.length === 0 && !hash) {
      this.accept(path);
    }
    params.forEach((param) => this.accept(param));
    hash?.pairs.forEach((pair) => this.accept(pair.value));
  }
}
