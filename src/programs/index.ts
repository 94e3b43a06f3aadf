export { loadProgram, relocate, failingInstruction, ProgramLoadError, type LoadProgramOptions, type LoadedProgram } from "./load.ts";
export { progTypeOf, parseProbeName, parseSection, type ProgKind, type ProbeName, type ProgTypeInfo } from "./prog-kind.ts";
