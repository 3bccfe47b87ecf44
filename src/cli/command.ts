/** One `gongkai` subcommand: src/cli/<name>.ts exports it as `command`; its summary is in commands.ts. */
export interface Command {
  usage: string;
  run(argv: string[]): Promise<number>;
}
