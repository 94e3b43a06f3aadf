/**
 * @fileoverview Macro-heavy C snippets shared by the C11-example tests and the gcc differential test.
 */

export const SNIPPETS: Record<string, string> = {
  "C11 6.10.3.5 EXAMPLE 3": `#define x 3
#define f(a) f(x * (a))
#undef x
#define x 2
#define g f
#define z z[0]
#define h g(~
#define m(a) a(w)
#define w 0,1
#define t(a) a
#define p() int
#define q(x) x
#define r(x,y) x ## y
#define str(x) # x
f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
g(x+(3,4)-w) | h 5) & m
(f)^m(m);
p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
char c[2][6] = { str(hello), str() };
`,
  "C11 6.10.3.5 EXAMPLE 4": `#define str(s) # s
#define xstr(s) str(s)
#define debug(s, t) printf("x" # s "= %d, x" # t "= %s", \\
 x ## s, x ## t)
#define INCFILE(n) vers ## n
#define glue(a, b) a ## b
#define xglue(a, b) glue(a, b)
#define HIGHLOW "hello"
#define LOW LOW ", world"
debug(1, 2);
fputs(str(strncmp("abc\\0d", "abc", '\\4') // this goes away
 == 0) str(: @\\n), s);
xstr(INCFILE(2).h)
glue(HIGH, LOW);
xglue(HIGH, LOW)
`,
  "C11 6.10.3.5 EXAMPLE 5 (placemarkers)": `#define t(x,y,z) x ## y ## z
int j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),
 t(10,,), t(,11,), t(,,12), t(,,) };
`,
  "C11 6.10.3.3 EXAMPLE (hash_hash)": `#define hash_hash # ## #
#define mkstr(a) # a
#define in_between(a) mkstr(a)
#define join(c, d) in_between(c hash_hash d)
char p[] = join(x, y);
`,
  "C11 6.10.3.5 EXAMPLE 7 (variadic)": `#define debug(...) fprintf(stderr, __VA_ARGS__)
#define showlist(...) puts(#__VA_ARGS__)
#define report(test, ...) ((test)?puts(#test):\\
 printf(__VA_ARGS__))
debug("Flag");
debug("X = %d\\n", x);
showlist(The first, second, and third items.);
report(x>y, "x is %d but y is %d", x, y);
`,
  "GNU comma elision and named variadics": `#define e1(fmt, ...) pr(fmt, ## __VA_ARGS__)
#define e2(fmt, args...) pr(fmt, ## args)
#define e3(fmt, args...) pr(fmt, args)
e1("a"); e1("a", 1, 2); e2("b"); e2("b", 3); e3("c", 4, 5);
e1("x", (1, 2)); e2("y", "s" + 1);
`,
  "__VA_OPT__": `#define F(...) f(0 __VA_OPT__(,) __VA_ARGS__)
#define G(X, ...) f(0, X __VA_OPT__(,) __VA_ARGS__)
#define SDEF(sname, ...) S sname __VA_OPT__(= { __VA_ARGS__ })
F(a,b,c) F() G(a,b,c) G(a,) G(a)
SDEF(foo); SDEF(bar, 1, 2);
`,
  "self reference and mutual recursion": `#define foo foo
#define AA BB
#define BB AA
#define plus(x) plus(x) + 1
#define lparen (
#define rec(x) x rec
foo AA BB plus(plus(2)) rec(1)(2)(3)
#define EMPTY
#define f(x) [x]
f EMPTY (1) f lparen 2)
`,
  "deferred expansion (EVAL idiom)": `#define EMPTY()
#define DEFER(id) id EMPTY()
#define OBSTRUCT(...) __VA_ARGS__ DEFER(EMPTY)()
#define EXPAND(...) __VA_ARGS__
#define A() 123
A ()
DEFER(A)()
EXPAND(DEFER(A)())
#define CAT(a, ...) PRIMITIVE_CAT(a, __VA_ARGS__)
#define PRIMITIVE_CAT(a, ...) a ## __VA_ARGS__
#define IIF(c) PRIMITIVE_CAT(IIF_, c)
#define IIF_0(t, ...) __VA_ARGS__
#define IIF_1(t, ...) t
IIF(1)(yes, no) IIF(0)(yes, no) CAT(IIF_, 1)(a, b)
`,
  "BCC-style map macros": `#define BPF_F_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, _flags) \\
struct _name##_table_t { \\
  _key_type key; \\
  _leaf_type leaf; \\
  _leaf_type * (*lookup) (_key_type *); \\
  u32 max_entries; \\
  int flags; \\
}; \\
__attribute__((section("maps/" _table_type))) \\
struct _name##_table_t _name = { .flags = (_flags), .max_entries = (_max_entries) }
#define BPF_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries) \\
BPF_F_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, 0)
#define BPF_HASH1(_name) BPF_TABLE("hash", u64, u64, _name, 10240)
#define BPF_HASH2(_name, _key_type) BPF_TABLE("hash", _key_type, u64, _name, 10240)
#define BPF_HASHX(_1, _2, _3, _4, NAME, ...) NAME
#define BPF_HASH(...) BPF_HASHX(__VA_ARGS__, BPF_HASH4, BPF_HASH3, BPF_HASH2, BPF_HASH1)(__VA_ARGS__)
#define BPF_HASH3(_name, _key_type, _leaf_type) BPF_TABLE("hash", _key_type, _leaf_type, _name, 10240)
#define BPF_HASH4(_name, _key_type, _leaf_type, _size) BPF_TABLE("hash", _key_type, _leaf_type, _name, _size)
BPF_HASH(counts);
BPF_HASH(start, u32, struct val_t);
BPF_HASH(big, u32, u64, 1 << 20);
#define bpf_trace_printk(fmt, ...) ({ char _fmt[] = fmt; bpf_trace_printk_(_fmt, sizeof(_fmt), ##__VA_ARGS__); })
int x = bpf_trace_printk("hello %d\\n", pid); bpf_trace_printk("none\\n");
`,
  "conditionals and expressions": `#define A 1
#define B 0x10
#if A && (B > 15) && defined(A) && !defined C
ok1
#endif
#if -1 > 0u
ok2
#else
bad2
#endif
#if (2 || 1/0) && 0 ? 1/0 : 3
ok3
#endif
#if 'a' == 97 && '\\377' < 0 && '\\x41' == 65
ok4
#endif
#if 0x7fffffffffffffff + 0 > 0 && 18446744073709551615u == -1
ok5
#endif
#if (1 ? -1 : 0u) > 0
ok6
#endif
#if (-8 >> 1) == -4 && -7 / 2 == -3 && -7 % 2 == -1
ok7
#endif
#ifdef UNDEFINED
bad
#elif B == 16
ok8
#else
bad
#endif
#if 0
#if 1
bad
#else
bad
#endif
#elif 1
ok9
#endif
#define ISDEF(x) defined(x)
#define FUNCLIKE(y) y
#if ISDEF(FUNCLIKE) && !ISDEF(NOPE)
ok10
#endif
#if UNDEFINED_NAME == 0 && ~0 == -1 && (3, 4) == 4
ok11
#endif
`,
  "stringize spacing and escapes": `#define s(x) #x
#define xs(x) s(x)
s(  a   +   b  ) s("x\\n" 'y') s(a/**/b) s( ( a , b ) ) xs(__LINE__) s(L"w" '\\'')
#define cat(a, b) a##b
cat(x, 1) cat(1, e) cat(., 5) cat(+, =) cat(<<, =) cat(-, >) cat(L, "s") cat(0x, 1p) cat(u8, "z")
`,
  "function-like name without parens and across lines": `#define f(x) <x>
#define g f
int f; g; f
(1) g
(2)
f /* c */ (3)
`,
  "kernel kconfig IS_ENABLED and __stringify": `#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x) ___is_defined(x)
#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
#define IS_BUILTIN(option) __is_defined(option)
#define IS_MODULE(option) __is_defined(option##_MODULE)
#define __or(x, y) ___or(x, y)
#define ___or(x, y) ____or(__ARG_PLACEHOLDER_##x, y)
#define ____or(arg1_or_junk, y) __take_second_arg(arg1_or_junk 1, y)
#define IS_ENABLED(option) __or(IS_BUILTIN(option), IS_MODULE(option))
#define CONFIG_FOO 1
#define CONFIG_BAR_MODULE 1
IS_ENABLED(CONFIG_FOO) IS_ENABLED(CONFIG_BAR) IS_ENABLED(CONFIG_BAZ)
#if IS_ENABLED(CONFIG_FOO) && IS_ENABLED(CONFIG_BAR) && !IS_ENABLED(CONFIG_BAZ)
yes
#endif
#define __stringify_1(x...) #x
#define __stringify(x...) __stringify_1(x)
__stringify(CONFIG_FOO, a  b) __stringify()
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int:(-!!(e)); })))
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]) + BUILD_BUG_ON_ZERO(0))
#define READ_ONCE(x) (*(const volatile typeof(x) *)&(x))
int n = ARRAY_SIZE(tbl) + READ_ONCE(p->q);
`,
  "__COUNTER__ and predefined": `__COUNTER__ __COUNTER__ __COUNTER__ __STDC__ __LINE__
#line 100
`,
};
