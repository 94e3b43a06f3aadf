export * from "./diagnostic.ts";
export * from "./render.ts";
