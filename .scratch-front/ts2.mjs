import Parser from "tree-sitter";
import C from "tree-sitter-c";
const p = new Parser(); p.setLanguage(C);
const src = process.argv[2];
const t = p.parse(src);
console.log(t.rootNode.toString());
