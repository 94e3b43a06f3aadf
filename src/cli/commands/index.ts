import type { CommandModule } from "yargs";
import { compileCommand } from "./compile.ts";
import { featuresCommand } from "./features.ts";
import { tplistCommand } from "./tplist.ts";
import { tracePipeCommand } from "./trace-pipe.ts";
import { toolCommand } from "./tool.ts";
import { runCommand } from "./run.ts";

/** Every CLI command, in the order `--help` lists them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [compileCommand, featuresCommand, tplistCommand, tracePipeCommand, runCommand, toolCommand];
