/**
 * @fileoverview The macros every compilation starts with, as `#define` text processed as the pseudo-file
 * "<built-in>" (so their definitions have a location), and the dynamic built-ins computed at each use.
 * `__DATE__` and `__TIME__` are fixed: compiler output must not depend on when it ran.
 */
import type { Macro } from "./define.ts";

/**
 * Predefined macros: what BCC's clang invocation sees on x86-64 that programs and kernel-style headers
 * test for (`__KERNEL__`, `__BPF_TRACING__`, `__TARGET_ARCH_x86`, the GNU/clang version macros and
 * the usual type-size macros), plus `__BCC_TS__` to tell this compiler apart.
 */
export const PREDEFINED = `
#define __STDC__ 1
#define __STDC_VERSION__ 201710L
#define __STDC_HOSTED__ 1
#define __GNUC__ 4
#define __GNUC_MINOR__ 2
#define __GNUC_PATCHLEVEL__ 1
#define __clang__ 1
#define __clang_major__ 16
#define __clang_minor__ 0
#define __x86_64__ 1
#define __x86_64 1
#define __amd64__ 1
#define __linux__ 1
#define __linux 1
#define __unix__ 1
#define __ELF__ 1
#define __LP64__ 1
#define _LP64 1
#define __CHAR_BIT__ 8
#define __SIZEOF_SHORT__ 2
#define __SIZEOF_INT__ 4
#define __SIZEOF_LONG__ 8
#define __SIZEOF_LONG_LONG__ 8
#define __SIZEOF_POINTER__ 8
#define __SIZEOF_INT128__ 16
#define __ORDER_LITTLE_ENDIAN__ 1234
#define __ORDER_BIG_ENDIAN__ 4321
#define __ORDER_PDP_ENDIAN__ 3412
#define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__
#define __LITTLE_ENDIAN__ 1
#define __KERNEL__ 1
#define __BPF_TRACING__ 1
#define __TARGET_ARCH_x86 1
#define __HAVE_BUILTIN_BSWAP16__ 1
#define __HAVE_BUILTIN_BSWAP32__ 1
#define __HAVE_BUILTIN_BSWAP64__ 1
#define __BCC_TS__ 1
#define __DATE__ "Jan  1 1970"
#define __TIME__ "00:00:00"
`;

export const BUILTINS: [string, NonNullable<Macro["builtin"]>][] = [
  ["__LINE__", "line"],
  ["__FILE__", "file"],
  ["__COUNTER__", "counter"],
  ["__INCLUDE_LEVEL__", "include-level"],
  ["__BASE_FILE__", "base-file"],
];
