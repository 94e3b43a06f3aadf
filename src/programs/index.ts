export { loadProgram, relocate, failingInstruction, failingSource, ProgramLoadError, type LoadProgramOptions, type LoadedProgram } from "./load.ts";
export { progTypeOf, parseProbeName, parseSection, type ProgKind, type ProbeName, type ProgTypeInfo } from "./prog-kind.ts";
export { buildProgramBtf, logSourceLine, subprogramStarts, ProgramBtfCache, type LogSourceLine, type ProgramBtf } from "./btf-info.ts";
