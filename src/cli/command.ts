/** One `gongkai` subcommand: src/cli/<name>.ts exports it as `command`. */
export interface Command {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}
