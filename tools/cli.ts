/**
 * One way for every command to read its arguments: `node:util` `parseArgs`, strict, with the
 * tools' own plain messages (`--out needs a folder`, `unknown option --x`) in place of Node's.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ReadArgs<T extends Options> {
	options: T;
	/** What each option that takes a value needs, for the message when it is missing. */
	needs?: { [K in keyof T]?: string };
	/** The command's own error for a message, usually with its usage after it. */
	fail: (message: string) => Error;
}

/** For a command with no error handling of its own: print the message and its usage, exit 2. */
export const exitWithUsage =
	(usage: string) =>
	(message: string): never => {
		console.error(`${message}\n${usage}`);
		process.exit(2);
	};

export function readArgs<const T extends Options>(
	args: readonly string[],
	{ options, needs = {}, fail }: ReadArgs<T>
) {
	try {
		return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
	} catch (error) {
		const code = (error as { code?: string }).code;
		const message = (error as Error).message;
		if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
			throw fail(`unknown option ${/'([^']+)'/.exec(message)?.[1] ?? message}`);
		}
		const key = /--([\w-]+)/.exec(message)?.[1] ?? '';
		if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && options[key]) {
			throw fail(
				options[key].type === 'boolean'
					? `--${key} takes no value`
					: `--${key} needs ${needs[key as keyof T] ?? 'a value'}`
			);
		}
		throw error;
	}
}
