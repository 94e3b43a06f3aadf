import Parser from "tree-sitter";
import C from "tree-sitter-c";
const p = new Parser(); p.setLanguage(C);
const src = `typedef unsigned int u32;
struct S { int a:3; u32 b; } __attribute__((packed));
int f(void *ctx) { foo_t * x; u32 y = (u32)1; x = &y; int a[2][3] = {{1},{2}}; return sizeof(int) + __builtin_offsetof(struct S, b); }
#pragma unroll
int g( { }`;
const t = p.parse(src);
console.log(t.rootNode.toString());
