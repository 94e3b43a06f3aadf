import Parser from "tree-sitter";
import C from "tree-sitter-c";
const p = new Parser(); p.setLanguage(C);
const t = p.parse("/* é😀 */ int x;");
const d = t.rootNode.child(1);
console.log(t.rootNode.toString(), d.startPosition, d.startIndex, d.text);
