import type { Document } from 'bson';
import { Aggregator } from 'mingo';
import { CommandError } from '../errors';
import { isPlainObject } from '../engine/values';

// mongod's own variables: a `let` may not set them (only its internal clients may).
const SYSTEM_VARIABLES = new Set(['NOW', 'CLUSTER_TIME', 'JS_SCOPE', 'IS_MR', 'USER_ROLES', 'SEARCH_META']);

const isLowercase = (ch: string): boolean => ch >= 'a' && ch <= 'z';
const isLetter = (ch: string): boolean => isLowercase(ch) || (ch >= 'A' && ch <= 'Z');
const isNonAscii = (ch: string): boolean => ch.charCodeAt(0) > 0x7f;
const isNameCharacter = (ch: string): boolean => isLetter(ch) || (ch >= '0' && ch <= '9') || ch === '_' || isNonAscii(ch);

/**
 * mongod's rules for variable names (src/mongo/db/pipeline/variable_validation.cpp): a name a
 * command defines starts with a lowercase letter; one it only reads may start with any letter.
 */
function checkVariableName(name: string, first: (ch: string) => boolean, context: string): void {
  if (name.length === 0) throw new CommandError('Location16866', `${context}empty variable names are not allowed`);
  if (!first(name[0] as string)) {
    throw new CommandError('Location16867', `${context}'${name}' starts with an invalid character for a user variable name`);
  }
  for (const ch of name.slice(1)) {
    if (!isNameCharacter(ch)) {
      throw new CommandError('Location16868', `${context}'${name}' contains an invalid character for a variable name: '${ch}'`);
    }
  }
}

/** True when an expression reads the document it would be evaluated against. */
function readsDocument(expression: unknown): boolean {
  if (typeof expression === 'string') {
    if (!expression.startsWith('$')) return false;
    return !expression.startsWith('$$') || /^\$\$(ROOT|CURRENT)(\.|$)/.test(expression);
  }
  if (Array.isArray(expression)) return expression.some(readsDocument);
  if (!isPlainObject(expression)) return false;
  return Object.entries(expression).some(([key, value]) => key !== '$literal' && readsDocument(value));
}

/**
 * The variables a command's `let` defines: each the value of its expression, computed once before
 * any document is read, as mongod does. Undefined when the command has no `let`.
 */
export function letVariables(command: Document): Document | undefined {
  const spec = command.let as unknown;
  if (spec === undefined || spec === null) return undefined;
  const commandName = Object.keys(command)[0] as string;
  if (!isPlainObject(spec)) throw new CommandError('TypeMismatch', `BSON field '${commandName}.let' must be a document`);
  const variables: Document = {};
  for (const [name, expression] of Object.entries(spec)) {
    if (SYSTEM_VARIABLES.has(name)) throw new CommandError('Location4738901', `Attempt to set internal constant: ${name}`);
    checkVariableName(name, (ch) => isLowercase(ch) || isNonAscii(ch), "Invalid 'let' parameter :: caused by :: ");
    if (readsDocument(expression)) {
      // mongod's message, its missing space included.
      throw new CommandError(
        'Location4890500',
        'Command let Expression tried to access a field, but this is not allowed becauseCommand let Expressions run before the query examines any documents.',
      );
    }
    const [evaluated] = new Aggregator([{ $replaceWith: { value: expression } }]).run([{}]) as Document[];
    variables[name] = evaluated?.value;
  }
  return variables;
}

/**
 * The constants (`c`) of an update statement, taken as they are, added to the command's `let`
 * variables; mongod allows them only with a pipeline update.
 */
export function withStatementConstants(variables: Document | undefined, constants: unknown, isPipeline: boolean): Document | undefined {
  if (constants === undefined || constants === null) return variables;
  if (!isPlainObject(constants)) throw new CommandError('TypeMismatch', "BSON field 'update.updates.c' must be a document");
  if (!isPipeline) throw new CommandError('Location51198', 'Constant values may only be specified for pipeline updates');
  for (const name of Object.keys(constants)) checkVariableName(name, (ch) => isLetter(ch) || isNonAscii(ch), '');
  return { ...variables, ...constants };
}
